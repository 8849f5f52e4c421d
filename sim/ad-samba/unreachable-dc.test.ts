import { describe, expect, it } from "vitest";
import { isLabError } from "../kernel/index.ts";
import { BlockingSambaDirectory, DEFAULT_SAMBA_DOMAIN, SambaDirectoryService, endpointOf } from "./index.ts";

// Port 1 on loopback: nothing listens, the connection is refused at once.
const NOWHERE = endpointOf(DEFAULT_SAMBA_DOMAIN, "ldaps://127.0.0.1:1");

describe("a DC that is not there", () => {
  it("makes connect fail with a LabError that says where it looked", async () => {
    await expect(SambaDirectoryService.connect(NOWHERE)).rejects.toSatisfy((e) => isLabError(e) && e.code === "SAMBA_UNREACHABLE" && e.message.includes("ldaps://127.0.0.1:1"));
  });

  it("makes the blocking bridge's worker report the same, not hang", async () => {
    await expect(BlockingSambaDirectory.open(NOWHERE)).rejects.toSatisfy((e) => isLabError(e) && e.code === "SAMBA_UNREACHABLE");
  });
});
