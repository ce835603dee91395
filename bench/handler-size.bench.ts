import type { Bundle, BundleName } from "./bundles.js";
import type { Figure } from "./figure.js";

const TARGET_BYTES = 25 * 1024;
/** Issue 19: the whole handler bundle at most half the DIY Middy + @middy/validator route. */
const WHOLE_BUNDLE_TARGET_RATIO = 0.5;

function largest(bundle: Bundle, count = 4): string {
  return bundle.breakdown
    .slice(0, count)
    .map((entry) => `${entry.source} ${(entry.bytes / 1024).toFixed(1)} KB`)
    .join(", ");
}

/** Gzipped size of each bundle, against the bare Middy handler doing the same business work. */
export function handlerSizeFigures(bundles: Record<BundleName, Bundle>): Figure[] {
  const group = "Handler bundle size (esbuild, minified, gzip -9; pg and PGlite left out)";
  const baseline = { label: "bare Middy", value: bundles.bareMiddy.gzipBytes };
  const figure = (name: BundleName, withTarget: boolean): Figure => {
    const bundle = bundles[name];
    return {
      id: `bundle.${name}`,
      group,
      label: bundle.label,
      value: bundle.gzipBytes,
      unit: "B",
      baseline,
      better: "lower",
      ...(withTarget ? { target: { text: "< 25 KB gzipped", met: bundle.gzipBytes < TARGET_BYTES } } : {}),
      checkOn: "value",
      note: `${(bundle.minifiedBytes / 1024).toFixed(1)} KB minified; largest inputs (minified): ${largest(bundle)}`,
    };
  };
  return [
    // Issue 8's target leaves "the database driver" out, as the baselines have no database: the
    // database stack (pg, and kysely over it) is left out of the measured row, and shown apart.
    figure("typicalWithoutKysely", true),
    figure("typical", false),
    figure("wrapper", true),
    figure("middyValidator", false),
    wholeBundleFigure(bundles),
  ];
}

/**
 * Everything the typical handler's bundle holds (kysely included; pg and PGlite left out, as above),
 * minified, against the route built the DIY way (runtime ajv + @middy/validator) at the same settings.
 */
function wholeBundleFigure(bundles: Record<BundleName, Bundle>): Figure {
  const ours = bundles.typical.minifiedBytes;
  const diy = bundles.middyValidator.minifiedBytes;
  return {
    id: "bundle.typicalVsMiddyValidator",
    group: "Whole handler bundle (esbuild, minified; pg and PGlite left out)",
    label: bundles.typical.label,
    value: ours,
    unit: "B",
    baseline: { label: bundles.middyValidator.label, value: diy },
    better: "lower",
    target: {
      text: `≤ ${WHOLE_BUNDLE_TARGET_RATIO}x Middy + @middy/validator`,
      met: ours <= diy * WHOLE_BUNDLE_TARGET_RATIO,
    },
    checkOn: "value",
    note: `no migrations, no PGlite dialect (test/bundle/production-bundles.test.ts); largest inputs (minified): ${largest(bundles.typical)}`,
  };
}
