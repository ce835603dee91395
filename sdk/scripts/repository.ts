/**
 * Where @cellar/sdk's source lives, in one place: sdk/package.json's `repository`, `homepage` and
 * `bugs` must agree with these (test/sdk/package-manifest.test.ts), and so must the repository npm
 * publishes from. `npm publish --provenance` signs a statement naming the GitHub repository and
 * workflow that built the tarball, and the registry refuses it when `repository.url` names another
 * one (https://docs.npmjs.com/generating-provenance-statements).
 *
 * PLACEHOLDER: Cellar's public repository URL is not decided yet. Change it here and in
 * sdk/package.json together before the first publish.
 */
export const REPOSITORY_URL = "https://github.com/cellar-dev/cellar";

/** The SDK's folder inside the repository: npm links to it, and provenance names it. */
export const SDK_DIRECTORY = "sdk";

/** sdk/package.json's link fields, as they must read. */
export const SDK_MANIFEST_LINKS = {
  repository: { type: "git", url: `git+${REPOSITORY_URL}.git`, directory: SDK_DIRECTORY },
  homepage: `${REPOSITORY_URL}/tree/main/${SDK_DIRECTORY}#readme`,
  bugs: { url: `${REPOSITORY_URL}/issues` },
} as const;
