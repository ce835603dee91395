import { describeFuzzOn } from "./support/fuzz-scenario.js";
import { stageBackends } from "./support/stage-backends.js";

describeFuzzOn(stageBackends.find((backend) => backend.name === "Postgres")!);
