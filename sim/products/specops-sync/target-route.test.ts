import { getResponse, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { TargetRoute } from "./target-route.ts";

const route = new TargetRoute("PUT", /^\/api\/v1\/users\/(?<user>[^/]+)\/password$/, ({ params }) => HttpResponse.json({ user: params.user }));
const anything = new TargetRoute("*", /^/, () => new HttpResponse("fallback", { status: 599 }));
const answer = async (method: string, url: string) => {
  const response = await getResponse([route, anything], new Request(url, { method, ...(method === "PUT" ? { body: "{}" } : {}) }));
  return response?.status === 200 ? ((await response.json()) as { user: string }).user : response?.status;
};

describe("a target's msw route", () => {
  it("answers its method and path at any origin, with the path's parameters decoded", async () => {
    expect(await answer("PUT", "https://cloud.example/api/v1/users/jdoe/password")).toBe("jdoe");
    expect(await answer("PUT", "https://other.example/api/v1/users/j%20doe%2Bx/password?x=1")).toBe("j doe+x");
  });

  it("leaves other methods and paths to the next handler", async () => {
    expect(await answer("POST", "https://cloud.example/api/v1/users/jdoe/password")).toBe(599);
    expect(await answer("PUT", "https://cloud.example/api/v1/users/jdoe/password/extra")).toBe(599);
    expect(await answer("PUT", "https://cloud.example/api/v1/users//password")).toBe(599);
  });
});
