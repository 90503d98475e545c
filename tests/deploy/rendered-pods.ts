import type { Manifest } from './helm-tools';

/** The parts of a pod template the policy checks read. */
export interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: {
    automountServiceAccountToken?: boolean;
    terminationGracePeriodSeconds?: number;
    securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type: string } };
    containers: Container[];
    initContainers?: Container[];
    volumes?: {
      name: string;
      secret?: { secretName: string };
      persistentVolumeClaim?: { claimName: string };
      emptyDir?: Record<string, unknown>;
    }[];
  };
}

export interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
    seccompProfile?: { type: string };
  };
  livenessProbe?: Record<string, unknown>;
  readinessProbe?: Record<string, unknown>;
  startupProbe?: Record<string, unknown>;
  lifecycle?: { preStop?: { sleep?: { seconds: number } } };
  volumeMounts?: { name: string; mountPath: string }[];
}

/** Every workload that runs pods (Deployments and Jobs), with its pod template. */
export function podTemplates(manifests: readonly Manifest[]): { owner: Manifest; pod: PodTemplate }[] {
  return manifests
    .filter((m) => m.kind === 'Deployment' || m.kind === 'Job')
    .map((owner) => ({ owner, pod: (owner.spec as { template: PodTemplate }).template }));
}

export function selects(matchLabels: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  return Object.entries(matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}

export function ofKind(manifests: readonly Manifest[], kind: string): Manifest[] {
  return manifests.filter((m) => m.kind === kind);
}

/** A rendered NetworkPolicy, as far as the checks read it. */
export type Policy = Manifest & {
  spec: {
    podSelector: { matchLabels?: Record<string, string> };
    policyTypes: string[];
    ingress?: {
      from?: { podSelector?: { matchLabels: Record<string, string> } }[];
      ports?: { port: number | string }[];
    }[];
    egress?: {
      to?: { podSelector?: { matchLabels: Record<string, string> } }[];
      ports?: { port: number | string }[];
    }[];
  };
};
