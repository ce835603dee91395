import { GetParameterCommand, ParameterNotFound, PutParameterCommand } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { gateParameters } from "../../release/gate/gate-parameters.js";
import { runGate, type SuiteSummary } from "../../release/gate/gate-runner.js";
import { deferred, rejectionOf, useAwsStandIn } from "./aws-clients.harness.js";
import { APP, nextTurn, suiteResult } from "./gate.harness.js";

const region = "us-east-1";
const aws = useAwsStandIn();
const { clients } = aws;

const ssm = () => clients.ssm(region);
const getParameter = (name: string) => ssm().send(new GetParameterCommand({ Name: name }));
const markWaiting = (releaseId: string) =>
  ssm().send(
    new PutParameterCommand({
      Name: gateParameters(APP, releaseId).waiting,
      Value: "d-ABCDEFGHI",
      Type: "String",
    }),
  );

/**
 * runGate for `releaseId`, with a suite that reports `result` and counts its runs. `onPoll` runs at
 * each poll interval, with the number of polls so far, in place of waiting.
 */
function gate(
  releaseId: string,
  result: SuiteSummary,
  options: { deployment?: Promise<unknown>; onPoll?: (polls: number) => Promise<void> } = {},
) {
  const suiteRuns: number[] = [];
  let polls = 0;
  const outcome = runGate({
    ssm: ssm(),
    app: APP,
    releaseId,
    deployment: options.deployment ?? new Promise(() => {}),
    testCandidate: async () => {
      suiteRuns.push(polls);
      return result;
    },
    wait: async () => {
      polls += 1;
      await (options.onPoll?.(polls) ?? nextTurn());
    },
    pollMs: 50,
    log: () => {},
  });
  return { outcome, suiteRuns, polls: () => polls };
}

describe("runGate, the release command's half of the gate", () => {
  it("runs the suite only once a hook is waiting, and writes `passed` when it exits 0", async () => {
    const run = gate("r-pass", suiteResult(0), {
      onPoll: async (polls) => {
        if (polls === 2) await markWaiting("r-pass");
      },
    });

    expect(await run.outcome).toEqual({ kind: "judged", verdict: { passed: true }, summary: suiteResult(0) });
    // Not before the second poll, when `waiting` first appeared; and exactly once.
    expect(run.suiteRuns).toEqual([2]);
    const verdict = (await getParameter(gateParameters(APP, "r-pass").verdict)).Parameter;
    expect(verdict).toMatchObject({ Value: "passed", Version: 1 });
  });

  it("writes `failed: N of M ...` when the suite exits non-zero", async () => {
    await markWaiting("r-fail");
    const run = gate("r-fail", suiteResult(3, 41));

    const reason = "3 of 41 contract checks failed on the preview stages";
    expect(await run.outcome).toEqual({
      kind: "judged",
      verdict: { passed: false, reason },
      summary: suiteResult(3, 41),
    });
    expect(run.suiteRuns).toEqual([0]);
    expect((await getParameter(gateParameters(APP, "r-fail").verdict)).Parameter).toMatchObject({
      Value: `failed: ${reason}`,
      Version: 1,
    });
  });

  it("treats any non-zero exit as a failure, even with no failed checks counted", async () => {
    await markWaiting("r-crash");
    const run = gate("r-crash", { exitCode: 2, checks: 0, failed: 0 });
    expect(await run.outcome).toMatchObject({ kind: "judged", verdict: { passed: false } });
    expect((await getParameter(gateParameters(APP, "r-crash").verdict)).Parameter?.Value).toMatch(
      /^failed: /,
    );
  });

  it.each([
    ["succeeds", (ended: Promise<void>) => ended],
    [
      "rolls back",
      (ended: Promise<void>) => ended.then(() => Promise.reject(new Error("stack rolled back"))),
    ],
  ])(
    "returns no-hook when the deployment %s before any hook asks, and judges nothing",
    async (how, deployment) => {
      const releaseId = `r-quiet-${how.replace(" ", "-")}`;
      const ended = deferred();
      const run = gate(releaseId, suiteResult(0), {
        deployment: deployment(ended.promise),
        onPoll: async (polls) => {
          if (polls === 3) ended.resolve();
          await nextTurn();
        },
      });

      expect(await run.outcome).toEqual({ kind: "no-hook" });
      expect(run.suiteRuns).toEqual([]);
      expect(run.polls()).toBe(3);
      const missing = await rejectionOf(getParameter(gateParameters(APP, releaseId).verdict));
      expect(missing).toBeInstanceOf(ParameterNotFound);
    },
  );
});

describe("runGate when the suite cannot run", () => {
  it("writes a failed verdict at once instead of leaving the hooks to their deadline", async () => {
    await markWaiting("r-suite-crash");
    const outcome = await runGate({
      ssm: ssm(),
      app: APP,
      releaseId: "r-suite-crash",
      deployment: new Promise(() => {}),
      testCandidate: async () => {
        throw new Error("Dredd did not start");
      },
      wait: () => nextTurn(),
      pollMs: 50,
      log: () => {},
    });
    expect(outcome).toMatchObject({ kind: "judged", verdict: { passed: false } });
    const { Parameter } = await getParameter(gateParameters(APP, "r-suite-crash").verdict);
    expect(Parameter?.Value).toMatch(/^failed: /);
  });
});
