// vitest setupFiles: tests run the handlers outside Lambda, as the local stage does, so getDatabase()
// opens what DATABASE_URL names (PGlite included) and migrates it. Lambda bundles never import this.
import { installLocalDatabase } from "../../src/local/local-database.js";

installLocalDatabase();
