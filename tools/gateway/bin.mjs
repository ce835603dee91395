#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader in this process, so `npx cellar-gateway` needs no build step.
import { register } from "tsx/esm/api";

register();
await import(new URL("./cli.ts", import.meta.url).href);
