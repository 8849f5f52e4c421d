import { runTransportContract } from "./transport-contract.ts";
import { buildTestEstate } from "./test-estate.ts";
import { APR_REPLY_RULE, APR_REQUEST_RULE } from "./test-estate.ts";

// The echo server in APR01 (internal), the client WEB01 in the DMZ, across the perimeter.
runTransportContract("simulated network", () => {
  const { net, context } = buildTestEstate(42);
  net.addPerimeterRule(APR_REQUEST_RULE);
  net.addPerimeterRule(APR_REPLY_RULE);
  return {
    transport: net.datagrams(),
    serverHost: "APR01",
    clientHost: "WEB01",
    serverPort: 5100,
    async waitFor(condition, what) {
      while (!condition()) {
        const next = context.clock.pending()[0];
        if (!next) throw new Error(`the lab clock is idle and still no ${what}`);
        context.clock.advance(next.at - context.clock.now());
      }
    },
  };
});
