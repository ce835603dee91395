#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader in this process, from source (no build step). Installed, the
// same CLI is `cellar gateway` of @cellar/cli (codegen/cellar.ts), bundled at pack time.
import { register } from "tsx/esm/api";

register();
await import(new URL("./cli.ts", import.meta.url).href);
