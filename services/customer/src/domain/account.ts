export type Grade = 'A' | 'B' | 'C';
export type LifecycleStage = 'prospect' | 'customer' | 'churned';
export type CompanySize = 'micro' | 'small' | 'medium' | 'large' | 'enterprise';

export const grades: readonly Grade[] = ['A', 'B', 'C'];
export const lifecycleStages: readonly LifecycleStage[] = ['prospect', 'customer', 'churned'];
export const companySizes: readonly CompanySize[] = ['micro', 'small', 'medium', 'large', 'enterprise'];

/** A postal address, possibly partial: a province or a city alone is an address; only the country is required. */
export interface Address {
  kind: string;
  line1: string | null;
  line2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  countryCode: string;
}

export interface AccountFields {
  name: string;
  taxId: string | null;
  industry: string | null;
  size: CompanySize | null;
  website: string | null;
  addresses: Address[];
  phones: string[];
  emails: string[];
  tags: string[];
  grade: Grade | null;
  lifecycleStage: LifecycleStage;
  ownerId: string | null;
  teamId: string | null;
  customFields: Record<string, unknown>;
  /** Free-text notes (备注). */
  description: string | null;
}
