import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { aliasDispatchingHandlers, LambdaRegistry } from "../../release/rehearsal/lambda-registry.js";
import type { LambdaHandler } from "../../src/local/handler-registry.js";

/** A handler that answers with its own name, so a response shows which version ran. */
const answering =
  (name: string): LambdaHandler =>
  async () => ({ statusCode: 200, body: name });

const event = {} as APIGatewayProxyEvent;
const invokedAs = (invokedFunctionArn: string) => ({ invokedFunctionArn }) as Context;
const arn = (qualified: string) => `arn:aws:lambda:us-east-1:123456789012:function:${qualified}`;

async function bodyOf(handler: LambdaHandler, context: Context = invokedAs(arn("x:y"))): Promise<string> {
  return (await handler(event, context)).body;
}

describe("LambdaRegistry", () => {
  it("numbers each function's versions from 1, as Lambda does", () => {
    const registry = new LambdaRegistry();
    expect(registry.publish("cellar-pingV1", answering("ping 1"))).toBe("1");
    expect(registry.publish("cellar-pingV1", answering("ping 2"))).toBe("2");
    expect(registry.publish("cellar-getWineryV1", answering("winery 1"))).toBe("1");
  });

  it("points an alias at a published version and refuses one that does not exist", async () => {
    const registry = new LambdaRegistry();
    registry.publish("cellar-pingV1", answering("ping 1"));
    registry.setAlias("cellar-pingV1", "v1", { version: "1" });
    expect(await bodyOf(registry.resolve("cellar-pingV1", "v1"))).toBe("ping 1");

    expect(() => registry.setAlias("cellar-pingV1", "v1", { version: "2" })).toThrow(/no version 2/);
    expect(() => registry.setAlias("cellar-pingV1", "v1", { version: "0" })).toThrow(/no version 0/);
    expect(() =>
      registry.setAlias("cellar-pingV1", "v1", { version: "1", additional: { version: "2", weight: 0.1 } }),
    ).toThrow(/no version 2/);
    expect(() => registry.setAlias("cellar-unknown", "v1", { version: "1" })).toThrow(/Function not found/);
    // The refused updates left the alias where it was.
    expect(registry.alias("cellar-pingV1", "v1")).toEqual({ version: "1" });
    expect(() => registry.resolve("cellar-pingV1", "v2")).toThrow("Function not found: cellar-pingV1:v2");
  });

  it("routes an alias's weight to the additional version by the injected random draw", async () => {
    let draw = 0;
    const registry = new LambdaRegistry(() => draw);
    registry.publish("cellar-pingV1", answering("old"));
    registry.publish("cellar-pingV1", answering("new"));
    registry.setAlias("cellar-pingV1", "v1", { version: "1", additional: { version: "2", weight: 0.1 } });

    const served = async (random: number) => {
      draw = random;
      return bodyOf(registry.resolve("cellar-pingV1", "v1"));
    };
    expect(await served(0.05)).toBe("new");
    expect(await served(0.5)).toBe("old");
    // The weight is the share below which the additional version runs: 0.1 itself is the main version's.
    expect(await served(0.1)).toBe("old");
    expect(await served(0.0999)).toBe("new");
  });
});

describe("aliasDispatchingHandlers", () => {
  it("runs the version behind the alias named in the invoked ARN, and follows the alias when it moves", async () => {
    const registry = new LambdaRegistry();
    registry.publish("cellar-pingV1", answering("build 1"));
    registry.publish("cellar-pingV1", answering("build 2"));
    registry.setAlias("cellar-pingV1", "v1", { version: "1" });
    registry.setAlias("cellar-pingV1", "v1-preview", { version: "2" });
    const { pingV1 } = aliasDispatchingHandlers(registry, ["pingV1", "getWineryV1"]);

    expect(await bodyOf(pingV1!, invokedAs(arn("cellar-pingV1:v1")))).toBe("build 1");
    expect(await bodyOf(pingV1!, invokedAs(arn("cellar-pingV1:v1-preview")))).toBe("build 2");

    registry.setAlias("cellar-pingV1", "v1", { version: "2" });
    expect(await bodyOf(pingV1!, invokedAs(arn("cellar-pingV1:v1")))).toBe("build 2");
  });

  it("makes one handler per operation and refuses an unqualified invocation", async () => {
    const registry = new LambdaRegistry();
    const handlers = aliasDispatchingHandlers(registry, ["pingV1", "getWineryV1"]);
    expect(Object.keys(handlers).sort()).toEqual(["getWineryV1", "pingV1"]);
    await expect(bodyOf(handlers.pingV1!, invokedAs(arn("cellar-pingV1")))).rejects.toThrow(
      /unqualified invocation/,
    );
  });
});
