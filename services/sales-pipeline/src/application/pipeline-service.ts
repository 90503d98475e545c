import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { InputError, NotAllowedError, NotFoundError, underInput } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import { idempotentCreate } from '@crm/platform/idempotency';
import { ascendingListPage, type CountablePage } from '@crm/platform/pagination';
import type { ForecastCategory, PipelineRow, StageKind, StageRow } from '../db/pipeline.entity';
import { validatePipeline } from '../domain/pipeline-definition';
import { canAdministerPipelines } from '../policy/deal-access';

export interface StageInput {
  name: string;
  kind: StageKind;
  probability: string;
  forecastCategory: ForecastCategory;
  entryCriteria: string[];
  idleDays: number | null;
}

export interface PipelineInput {
  name: string;
  businessLine: string;
  isDefault?: boolean;
  stages: StageInput[];
  /** A retry with the same key gets the pipeline the first call created. */
  idempotencyKey?: string | null;
}

const pipelineColumns = `p.id, p.name, p.business_line AS "businessLine", p.is_default AS "isDefault",
  p.created_by AS "createdBy", p.created_at AS "createdAt", p.updated_by AS "updatedBy", p.updated_at AS "updatedAt",
  p.archived_at AS "archivedAt", p.version`;
const stageColumns = `s.id, s.pipeline_id AS "pipelineId", s.position, s.name, s.kind, s.probability::text AS probability,
  s.forecast_category AS "forecastCategory", s.entry_criteria AS "entryCriteria", s.idle_days AS "idleDays",
  s.removed_at AS "removedAt"`;

/** Pipelines (one per business line) and their ordered stages: read by everyone in sales, configured by crm-admin. */
export class PipelineService {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the live pipelines, the default first, then by name (keyset: not-default, lower(name), id). */
  list(first: number | null | undefined, after: string | null | undefined): Promise<CountablePage<PipelineRow>> {
    // The name's sort key comes from SQL: lower() in PostgreSQL and in JS differ for some letters.
    return ascendingListPage<PipelineRow & { nameKey: string }>(this.dataSource, {
      select: `SELECT ${pipelineColumns}, lower(p.name) AS "nameKey" FROM pipelines p`,
      from: 'FROM pipelines p',
      conditions: ['p.archived_at IS NULL'],
      order: [
        { column: 'NOT p.is_default', type: 'boolean' },
        { column: 'lower(p.name)', type: 'text' },
        { column: 'p.id', type: 'uuid' },
      ],
      first,
      after,
      cursorOf: (r) => [!r.isDefault, r.nameKey, r.id],
    });
  }

  async batchGet(ids: readonly string[]): Promise<PipelineRow[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    return this.dataSource.query(`SELECT ${pipelineColumns} FROM pipelines p WHERE p.id = ANY($1::uuid[])`, [valid]);
  }

  /** The live stages of each pipeline, in order (one statement for all). */
  async stagesOf(pipelineIds: readonly string[]): Promise<Map<string, StageRow[]>> {
    const rows: StageRow[] = pipelineIds.length
      ? await this.dataSource.query(
          `SELECT ${stageColumns} FROM pipeline_stages s
            WHERE s.pipeline_id = ANY($1::uuid[]) AND s.removed_at IS NULL ORDER BY s.pipeline_id, s.position`,
          [[...new Set(pipelineIds)]],
        )
      : [];
    const byPipeline = new Map<string, StageRow[]>(pipelineIds.map((id) => [id, []]));
    for (const row of rows) byPipeline.get(row.pipelineId)?.push(row);
    return byPipeline;
  }

  /** Stages by id, removed ones included (a deal's history points at them). */
  async batchGetStages(ids: readonly string[]): Promise<StageRow[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    return this.dataSource.query(`SELECT ${stageColumns} FROM pipeline_stages s WHERE s.id = ANY($1::uuid[])`, [valid]);
  }

  /** The pipeline a new deal goes to when none is named: the default one, else the oldest. */
  async defaultPipeline(manager: EntityManager): Promise<PipelineRow> {
    const [row]: PipelineRow[] = await manager.query(
      `SELECT ${pipelineColumns} FROM pipelines p WHERE p.archived_at IS NULL
        ORDER BY p.is_default DESC, p.created_at, p.id LIMIT 1`,
    );
    if (!row)
      throw InputError.single(
        ['pipelineId'],
        'required',
        'no pipeline is configured yet: name one (crm-admin creates pipelines)',
      );
    return row;
  }

  async require(manager: EntityManager, id: string, path: string[] = ['pipelineId']): Promise<PipelineRow> {
    if (!isUuid(id)) throw InputError.single(path, 'uuid', 'must be a UUID');
    const [row]: PipelineRow[] = await manager.query(
      `SELECT ${pipelineColumns} FROM pipelines p WHERE p.id = $1 AND p.archived_at IS NULL`,
      [id],
    );
    if (!row) throw new NotFoundError('pipeline', id);
    return row;
  }

  async liveStages(manager: EntityManager, pipelineId: string): Promise<StageRow[]> {
    return manager.query(
      `SELECT ${stageColumns} FROM pipeline_stages s WHERE s.pipeline_id = $1 AND s.removed_at IS NULL ORDER BY s.position`,
      [pipelineId],
    );
  }

  /** crm-admin creates a pipeline with its stages in one audited step (domain/pipeline-definition.ts checks it). */
  async create(input: PipelineInput, actor: Actor): Promise<PipelineRow> {
    if (!canAdministerPipelines(actor)) throw new NotAllowedError('only crm-admin configures pipelines');
    const { idempotencyKey, ...payload } = input;
    const definition = underInput(() =>
      validatePipeline({ name: input.name, businessLine: input.businessLine, stages: input.stages }),
    );
    return this.dataSource.transaction((tx) =>
      idempotentCreate(
        tx,
        {
          caller: actor.id,
          key: idempotencyKey,
          operation: 'createPipeline',
          payload,
          path: ['input', 'idempotencyKey'],
        },
        () => this.insert(tx, { ...input, stages: definition.stages }, definition.name, definition.businessLine, actor),
        (row) => row.id,
        (id) => this.require(tx, id),
      ),
    );
  }

  private async insert(
    tx: EntityManager,
    input: PipelineInput,
    name: string,
    businessLine: string,
    actor: Actor,
  ): Promise<PipelineRow> {
    const id = randomUUID();
    const now = new Date();
    await this.requireUniqueName(tx, name, null);
    if (input.isDefault) await tx.query(`UPDATE pipelines SET is_default = false WHERE is_default`);
    await tx.query(
      `INSERT INTO pipelines (id, name, business_line, is_default, created_by, created_at, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $5, $6)`,
      [id, name, businessLine, input.isDefault ?? false, actor.id, now],
    );
    await this.insertStages(tx, id, input.stages);
    await audit(tx, actor, 'pipeline.created', { type: 'pipeline', id }, [], {
      name,
      businessLine,
      stages: input.stages.map((s) => s.name),
    });
    return this.require(tx, id);
  }

  /** Pipeline names are unique among live pipelines, without case (the index pipelines_name_key). */
  async requireUniqueName(tx: EntityManager, name: string, exceptId: string | null): Promise<void> {
    const [clash] = await tx.query(
      `SELECT 1 FROM pipelines WHERE lower(name) = lower($1) AND archived_at IS NULL AND id IS DISTINCT FROM $2::uuid`,
      [name, exceptId],
    );
    if (clash) throw InputError.single(['input', 'name'], 'unique', `a pipeline named "${name}" exists already`);
  }

  /** Inserts stages at the given positions (0, 1, ... unless given); returns their new ids in order. */
  async insertStages(
    tx: EntityManager,
    pipelineId: string,
    stages: StageInput[],
    positions: number[] = stages.map((_, i) => i),
  ): Promise<string[]> {
    const ids: string[] = [];
    for (const [position, stage] of stages.entries()) {
      const id = randomUUID();
      ids.push(id);
      await tx.query(
        `INSERT INTO pipeline_stages (id, pipeline_id, position, name, kind, probability, forecast_category,
           entry_criteria, idle_days) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          id,
          pipelineId,
          positions[position],
          stage.name.trim(),
          stage.kind,
          stage.probability,
          stage.forecastCategory,
          stage.entryCriteria,
          stage.idleDays,
        ],
      );
    }
    return ids;
  }
}
