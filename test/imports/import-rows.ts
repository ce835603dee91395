/** `count` valid import rows (WineryCreateV2 bodies), numbered so a test can tell them apart. */
export function importRows(count: number, tag = "Import"): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, i) => ({
    name: `${tag} Cellars ${i}`,
    location: { lat: 38 + (i % 1000) / 1000, lng: -122 - (i % 997) / 1000 },
    region: "Napa Valley",
    ...(i % 2 === 0 ? { website: `https://winery-${i}.example` } : {}),
  }));
}
