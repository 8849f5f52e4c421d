/** Whether a container engine answers, and if not, why (the message the container path reports when it is skipped). */
export type ContainerRuntimeStatus = { readonly available: true; readonly engine: string } | { readonly available: false; readonly reason: string };

/** Asks testcontainers for an engine; `probe` replaces it in tests. */
export async function detectContainerRuntime(probe: () => Promise<{ info?: unknown }> = defaultProbe): Promise<ContainerRuntimeStatus> {
  try {
    const client = await probe();
    const info = client.info as { containerRuntime?: { host?: string } } | undefined;
    return { available: true, engine: info?.containerRuntime?.host ?? "container engine" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { available: false, reason: `no container engine: ${message} (a docker client without a running daemon counts as none)` };
  }
}

async function defaultProbe(): Promise<{ info?: unknown }> {
  // Loaded on demand: testcontainers costs half a second to import.
  const { getContainerRuntimeClient } = await import("testcontainers");
  return getContainerRuntimeClient();
}
