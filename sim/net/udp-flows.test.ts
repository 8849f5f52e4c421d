import { describe, expect, it } from "vitest";
import { UdpFlows } from "./udp-flows.ts";

describe("UdpFlows", () => {
  it("lets a reply back from each remote a local endpoint sent to, until its state times out", () => {
    const flows = new UdpFlows(60_000);
    const [web, server, other] = [1, 2, 3];
    flows.noteSent(web, 50_000, server, 5100, 0);
    flows.noteSent(web, 50_000, other, 53, 10);
    expect(flows.isReply(web, 50_000, server, 5100, 1)).toBe(true);
    expect(flows.isReply(web, 50_000, other, 53, 1)).toBe(true);
    expect(flows.isReply(web, 50_000, server, 5101, 1)).toBe(false);
    expect(flows.isReply(web, 50_001, server, 5100, 1)).toBe(false);
    expect(flows.isReply(web, 50_000, server, 5100, 60_001)).toBe(false); // expired: forgotten
    expect(flows.isReply(web, 50_000, server, 5100, 1)).toBe(false);
    expect(flows.isReply(web, 50_000, other, 53, 60_001)).toBe(true);
    flows.noteSent(web, 50_000, other, 53, 70_000);
    flows.noteSent(web, 50_000, server, 5100, 70_000);
    expect(flows.isReply(web, 50_000, server, 5100, 130_000)).toBe(true);
    expect(flows.isReply(web, 50_000, other, 53, 130_000)).toBe(true);
    expect(flows.isReply(web, 50_000, other, 53, 130_001)).toBe(false);
  });
});
