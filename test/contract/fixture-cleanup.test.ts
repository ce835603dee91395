import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixtureFactory } from "../../contract-tests/setup/fixture-factory.js";
import { ApiClient } from "../../contract-tests/setup/http-client.js";
import { locationSequence, offsetKm } from "../../contract-tests/setup/run-id.js";
import { type RunningStage, startStage } from "../api/running-stage.js";

/** FixtureFactory.cleanup against the real local stage: what a contract run leaves behind. */
describe("FixtureFactory.cleanup", () => {
  let stage: RunningStage;
  let api: ApiClient;
  let tokens: { admin: string; user: string; otherUser: string };

  beforeAll(async () => {
    process.env.DATABASE_URL = "memory://";
    stage = await startStage();
    api = new ApiClient(stage.origin, stage.apiKey);
    // The first request opens and migrates the database, which under a loaded test run can outlast
    // the suite client's 15 s request timeout; plain fetch has none.
    await fetch(`${stage.origin}/v2/wineries/00000000-0000-4000-8000-000000000000`, {
      headers: { "x-api-key": stage.apiKey },
    });
    tokens = {
      admin: await stage.token("cleanup-admin", ["admin"]),
      user: await stage.token("cleanup-user"),
      otherUser: await stage.token("cleanup-other"),
    };
  });
  afterAll(async () => {
    await stage?.close();
  });

  const createV2 = async (name: string, location: { lat: number; lng: number }) => {
    const created = await api.send({
      method: "POST",
      path: "/v2/wineries",
      token: tokens.admin,
      json: { name, location, region: "Contract Test Region" },
    });
    expect(created.status, created.bodyText).toBe(201);
    return (created.json as { id: string }).id;
  };
  const status = async (id: string) => (await api.send({ method: "GET", path: `/v2/wineries/${id}` })).status;

  it("deletes the factory's wineries and the run's others near tracked points, and nothing else", async () => {
    const runId = `cleanup${Date.now().toString(36)}`;
    const make = new FixtureFactory(api, tokens, runId);
    const nextLocation = make.trackLocations(locationSequence());
    const here = nextLocation();
    const reviewed = await make.winery(here);
    await make.review(reviewed.id, tokens.user);
    await make.favorite(reviewed.id, tokens.user);
    const alreadyDeleted = await make.winery(offsetKm(here, 1));
    await api.send({ method: "DELETE", path: `/v2/wineries/${alreadyDeleted.id}`, token: tokens.admin });
    // What a probe or Dredd creates without the factory: found by name near a point the run handed out.
    const byProbe = await createV2(`Contract ${runId} v2 probe`, offsetKm(nextLocation(), 4));
    const otherRun = await createV2("Contract someotherrun v2 probe", here);

    expect(await make.cleanup()).toBe(2);

    expect(await status(reviewed.id)).toBe(404);
    expect(await status(byProbe)).toBe(404);
    expect(await status(otherRun)).toBe(200);
    expect(await make.cleanup()).toBe(0);
  });

  it("throws, naming the refused delete, when a winery cannot be deleted", async () => {
    const runId = `refused${Date.now().toString(36)}`;
    const point = locationSequence()();
    const winery = await new FixtureFactory(api, tokens, runId).winery(point);
    // Same run, but "admin" is a plain user: the sweep finds the winery, the delete is a 403.
    const withoutAdmin = new FixtureFactory(api, { ...tokens, admin: tokens.user }, runId);
    withoutAdmin.trackLocations(() => point)();

    await expect(withoutAdmin.cleanup()).rejects.toThrow(/^1 of 1 wineries not deleted: DELETE \S+ -> 403/);
    expect(await status(winery.id)).toBe(200);
  });
});
