import type { NewWinery } from "../db/winery.repository.js";

type Site = [name: string, lat: number, lng: number, website: string | null];

const inRegion = (region: string, sites: Site[]): NewWinery[] =>
  sites.map(([name, lat, lng, website]) => ({ name, lat, lng, region, website }));

/**
 * Demo data: real wineries at approximately their real locations. Eleven lie within 25 km of
 * (38.5, -122.4) in the Napa Valley, where demos and contract tests search (a test keeps it >= 5).
 */
export const sampleWineries: readonly NewWinery[] = [
  ...inRegion("Napa Valley", [
    ["Robert Mondavi Winery", 38.4411, -122.4103, "https://www.robertmondaviwinery.com"],
    ["Opus One Winery", 38.4405, -122.407, "https://www.opusonewinery.com"],
    ["Inglenook", 38.457, -122.4297, "https://www.inglenook.com"],
    ["Frog's Leap Winery", 38.48, -122.403, "https://www.frogsleap.com"],
    ["Beringer Vineyards", 38.5105, -122.4817, "https://www.beringer.com"],
    ["Stag's Leap Wine Cellars", 38.3996, -122.3232, "https://www.stagsleapwinecellars.com"],
    ["Schramsberg Vineyards", 38.5522, -122.5314, "https://www.schramsberg.com"],
    ["Castello di Amorosa", 38.5583, -122.5427, "https://www.castellodiamorosa.com"],
    ["Chateau Montelena", 38.6037, -122.5925, "https://www.montelena.com"],
    ["Domaine Carneros", 38.2491, -122.3578, "https://www.domainecarneros.com"],
  ]),
  ...inRegion("Sonoma County", [
    ["Buena Vista Winery", 38.3004, -122.4318, "https://www.buenavistawinery.com"],
    ["Kunde Family Winery", 38.412, -122.5426, "https://www.kunde.com"],
    ["Jordan Vineyard & Winery", 38.659, -122.8218, "https://www.jordanwinery.com"],
    ["Ridge Vineyards Lytton Springs", 38.653, -122.885, "https://www.ridgewine.com"],
  ]),
  ...inRegion("Willamette Valley", [
    ["Domaine Drouhin Oregon", 45.2547, -123.0606, "https://www.domainedrouhin.com"],
    ["The Eyrie Vineyards", 45.21, -123.1936, "https://www.eyrievineyards.com"],
  ]),
  ...inRegion("Finger Lakes", [
    ["Dr. Konstantin Frank Winery", 42.4584, -77.1923, "https://www.drfrankwines.com"],
    ["Hermann J. Wiemer Vineyard", 42.5683, -76.9226, "https://wiemer.com"],
  ]),
  ...inRegion("Mendoza", [
    ["Bodega Catena Zapata", -33.0054, -68.876, "https://www.catenawines.com"],
    ["Bodega Norton", -33.0712, -68.916, "https://www.norton.com.ar"],
    ["Zuccardi Valle de Uco", -33.7706, -69.1494, "https://www.zuccardiwines.com"],
  ]),
  ...inRegion("Bordeaux", [
    ["Château Margaux", 45.0446, -0.6686, "https://www.chateau-margaux.com"],
    ["Château Mouton Rothschild", 45.2123, -0.7701, "https://www.chateau-mouton-rothschild.com"],
    ["Château Cheval Blanc", 44.92, -0.192, "https://www.chateau-cheval-blanc.com"],
  ]),
  ...inRegion("Burgundy", [
    ["Domaine de la Romanée-Conti", 47.1584, 4.9505, null],
    ["Maison Joseph Drouhin", 47.0228, 4.8386, "https://www.drouhin.com"],
    ["Maison Louis Jadot", 47.0307, 4.8461, "https://www.louisjadot.com"],
  ]),
  ...inRegion("Champagne", [
    ["Moët & Chandon", 49.042, 3.9597, "https://www.moet.com"],
    ["Veuve Clicquot", 49.2433, 4.0456, "https://www.veuveclicquot.com"],
    ["Taittinger", 49.2497, 4.0451, "https://www.taittinger.com"],
  ]),
  ...inRegion("Rioja", [
    ["Marqués de Riscal", 42.512, -2.6165, "https://www.marquesderiscal.com"],
    ["R. López de Heredia Viña Tondonia", 42.5781, -2.8596, "https://www.lopezdeheredia.com"],
  ]),
  ...inRegion("Tuscany", [
    ["Castello Banfi", 42.9784, 11.4334, "https://www.castellobanfi.com"],
    ["Antinori nel Chianti Classico", 43.621, 11.2029, "https://www.antinori.it"],
    ["Castello di Ama", 43.4226, 11.4116, "https://www.castellodiama.com"],
  ]),
  ...inRegion("Mosel", [
    ["Weingut Dr. Loosen", 49.9191, 7.056, "https://www.drloosen.com"],
    ["Weingut Joh. Jos. Prüm", 49.9419, 7.048, null],
  ]),
  ...inRegion("Barossa Valley", [
    ["Penfolds Barossa Valley Cellar Door", -34.4814, 138.9934, "https://www.penfolds.com"],
    ["Seppeltsfield", -34.4869, 138.9178, "https://www.seppeltsfield.com.au"],
    ["Yalumba", -34.5038, 139.0445, "https://www.yalumba.com"],
  ]),
  ...inRegion("Marlborough", [
    ["Cloudy Bay", -41.5268, 173.855, "https://www.cloudybay.com"],
    ["Brancott Estate", -41.5486, 173.8537, "https://www.brancottestate.com"],
  ]),
  ...inRegion("Stellenbosch", [
    ["Kanonkop Wine Estate", -33.852, 18.8576, "https://www.kanonkop.co.za"],
    ["Meerlust Estate", -34.0166, 18.7569, "https://www.meerlust.co.za"],
    ["Delaire Graff Estate", -33.9194, 18.9214, "https://www.delaire.co.za"],
  ]),
  ...inRegion("Douro", [["Quinta do Crasto", 41.1615, -7.6, "https://www.quintadocrasto.pt"]]),
];
