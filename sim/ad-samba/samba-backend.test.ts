import { describe, expect, it } from "vitest";
import { isLabError } from "../kernel/index.ts";
import { chooseSambaBackend, detectContainerRuntime, preferenceFromEnv, startSambaDc, type ContainerRuntimeStatus, type SambaToolsLookup } from "./index.ts";

const HOST: SambaToolsLookup = { found: true, tools: { samba: "/usr/sbin/samba", sambaTool: "/usr/bin/samba-tool" } };
const NO_HOST: SambaToolsLookup = { found: false, reason: "samba and samba-tool not found" };
const ENGINE: ContainerRuntimeStatus = { available: true, engine: "unix:///var/run/docker.sock" };
const NO_ENGINE: ContainerRuntimeStatus = { available: false, reason: "no container engine: Could not find a working container runtime strategy" };

const choose = (prefer: "auto" | "host" | "container", host: SambaToolsLookup, container: ContainerRuntimeStatus, privileged = true) =>
  chooseSambaBackend({ prefer, findTools: () => host, detectRuntime: async () => container, privilegedPorts: () => privileged });

describe("chooseSambaBackend", () => {
  it("takes the host's packages first, and says why the container path was not taken", async () => {
    const choice = await choose("auto", HOST, NO_ENGINE);
    expect(choice).toMatchObject({ kind: "host", tools: HOST.found ? HOST.tools : undefined });
    expect(choice.container).toEqual(NO_ENGINE);
  });

  it("falls back to a container when the host has no Samba and an engine runs", async () => {
    expect((await choose("auto", NO_HOST, ENGINE)).kind).toBe("container");
    expect((await choose("container", HOST, ENGINE)).kind).toBe("container");
  });

  it("gives both reasons when neither path can run, and none when the preferred one cannot", async () => {
    const none = await choose("auto", NO_HOST, NO_ENGINE);
    expect(none.kind).toBe("none");
    expect(none.kind === "none" && none.reason).toMatch(/host: samba and samba-tool not found; container: no container engine/);
    expect((await choose("container", HOST, NO_ENGINE)).kind).toBe("none");
    expect((await choose("host", NO_HOST, ENGINE)).kind).toBe("none");
  });

  it("does not take the host path for a user who may not bind LDAP's ports, and says so", async () => {
    const none = await choose("auto", HOST, NO_ENGINE, false);
    expect(none.kind).toBe("none");
    expect(none.kind === "none" && none.reason).toMatch(/samba is installed, but a DC listens on ports 389 and 636/);
    expect((await choose("auto", HOST, NO_ENGINE, true)).kind).toBe("host");
  });

  it("refuses to start a DC when there is none to start, with a LabError", async () => {
    const none = await choose("auto", NO_HOST, NO_ENGINE);
    await expect(startSambaDc(none)).rejects.toSatisfy((e) => isLabError(e) && e.code === "SAMBA_UNAVAILABLE");
  });

  it("reads LAB_SAMBA_BACKEND and refuses anything else", () => {
    expect(preferenceFromEnv(undefined)).toBe("auto");
    expect(preferenceFromEnv("container")).toBe("container");
    expect(() => preferenceFromEnv("docker")).toThrow(/auto, host or container/);
  });
});

describe("detectContainerRuntime", () => {
  it("reports a docker client without an engine as no engine, with testcontainers' reason", async () => {
    const status = await detectContainerRuntime(async () => {
      throw new Error("Could not find a working container runtime strategy");
    });
    expect(status).toEqual({ available: false, reason: expect.stringContaining("Could not find a working container runtime strategy") });
  });

  it("reports an engine that answers", async () => {
    expect(await detectContainerRuntime(async () => ({ info: { containerRuntime: { host: "localhost" } } }))).toEqual({ available: true, engine: "localhost" });
  });
});
