import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ticket assignment: the rules (crm-admin and service managers edit them as data), their members with skills, one
 * round-robin state row per rule, and one row per alerted queue wait of an unassigned ticket.
 */
export class TicketAssignment1765040000000 implements MigrationInterface {
  name = 'TicketAssignment1765040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ticket_assignment_rules (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        position int NOT NULL CHECK (position BETWEEN 0 AND 10000),
        team_id text NOT NULL CHECK (length(team_id) >= 1),
        match_categories text[] NOT NULL DEFAULT '{}',
        match_skills text[] NOT NULL DEFAULT '{}',
        match_complaint boolean,
        match_priority text CHECK (match_priority IN ('urgent', 'high', 'normal', 'low')),
        strategy text NOT NULL CHECK (strategy IN ('round_robin', 'least_loaded')),
        active boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX ticket_assignment_rules_of_team ON ticket_assignment_rules (team_id, position, id)`);
    await q.query(`
      CREATE TABLE ticket_assignment_rule_members (
        rule_id uuid NOT NULL REFERENCES ticket_assignment_rules (id) ON DELETE CASCADE,
        agent_id uuid NOT NULL,
        -- Round-robin order; an offboarded member's row goes, leaving a gap the order does not mind.
        ordinal int NOT NULL,
        skills text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (rule_id, agent_id),
        UNIQUE (rule_id, ordinal)
      )`);
    await q.query(`CREATE INDEX ticket_assignment_rule_members_of_agent ON ticket_assignment_rule_members (agent_id)`);
    // Locked while a new ticket picks its agent, so replicas creating at once take turns and never share one.
    await q.query(`
      CREATE TABLE ticket_assignment_state (
        rule_id uuid PRIMARY KEY REFERENCES ticket_assignment_rules (id) ON DELETE CASCADE,
        last_assigned_id uuid
      )`);
    // One row per queue wait alerted (the status history row that put the ticket in the queue): written in the same
    // transaction as the alert's outbox row, so no wait is announced twice, whichever replica runs the job.
    await q.query(`
      CREATE TABLE ticket_unassigned_alerts (
        ticket_id uuid NOT NULL,
        queue_entry_id bigint NOT NULL,
        team_id text NOT NULL,
        alerted_at timestamptz NOT NULL,
        PRIMARY KEY (ticket_id, queue_entry_id)
      )`);
    // The unassigned-alert job's scan, and least loaded's count of an agent's open tickets.
    await q.query(`
      CREATE INDEX tickets_waiting_unassigned ON tickets (created_at, id)
        WHERE status = 'new' AND agent_id IS NULL AND deleted_at IS NULL`);
    await q.query(`
      CREATE INDEX tickets_open_load_of_agent ON tickets (agent_id, priority)
        WHERE status IN ('assigned', 'in_progress', 'waiting_on_customer') AND deleted_at IS NULL`);
    await q.query(`
      CREATE INDEX ticket_status_history_queue_entries ON ticket_status_history (ticket_id, id DESC)
        WHERE to_status = 'new'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ticket_status_history_queue_entries`);
    await q.query(`DROP INDEX tickets_open_load_of_agent`);
    await q.query(`DROP INDEX tickets_waiting_unassigned`);
    await q.query(`DROP TABLE ticket_unassigned_alerts`);
    await q.query(`DROP TABLE ticket_assignment_state`);
    await q.query(`DROP TABLE ticket_assignment_rule_members`);
    await q.query(`DROP TABLE ticket_assignment_rules`);
  }
}
