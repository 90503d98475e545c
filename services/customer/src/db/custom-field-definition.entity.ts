import { EntitySchema } from 'typeorm';

export interface CustomFieldDefinitionRow {
  id: string;
  objectType: string;
  key: string;
  label: string;
  type: string;
  required: boolean;
  options: string[] | null;
  min: number | null;
  max: number | null;
  maxLength: number | null;
  pattern: string | null;
  createdBy: string;
  createdAt: Date;
  /** Set while the field is archived: not required, validated or listed; stored values are kept. */
  archivedAt: Date | null;
  archivedBy: string | null;
}

export const CustomFieldDefinitionEntity = new EntitySchema<CustomFieldDefinitionRow>({
  name: 'CustomFieldDefinition',
  tableName: 'custom_field_definitions',
  columns: {
    id: { type: 'uuid', primary: true },
    objectType: { type: 'text', name: 'object_type' },
    key: { type: 'text' },
    label: { type: 'text' },
    type: { type: 'text' },
    required: { type: 'boolean', default: false },
    options: { type: 'jsonb', nullable: true },
    min: { type: 'double precision', nullable: true },
    max: { type: 'double precision', nullable: true },
    maxLength: { type: 'int', name: 'max_length', nullable: true },
    pattern: { type: 'text', nullable: true },
    createdBy: { type: 'text', name: 'created_by' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    archivedAt: { type: 'timestamptz', name: 'archived_at', nullable: true },
    archivedBy: { type: 'text', name: 'archived_by', nullable: true },
  },
});
