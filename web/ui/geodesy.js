// Geodesic measures on the WGS84 ellipsoid, never in Web Mercator (27% too large at Pingyang's latitude).
// Distances: Vincenty's inverse formula. Areas: the polygon mapped to the authalic sphere (same area as the
// ellipsoid, authalic latitudes), where the area of a ring is exact for edges along parallels and meridians.

const A = 6378137; // WGS84 semi-major axis, m
const F = 1 / 298.257223563;
const B = A * (1 - F);
const E2 = F * (2 - F);
const E = Math.sqrt(E2);
const RAD = Math.PI / 180;

/** SQM_PER_MU is the area of one 亩 in square metres (1 亩 = 10000/15 m²). */
export const SQM_PER_MU = 10000 / 15;

function q(sinPhi) {
  const es = E * sinPhi;
  return (1 - E2) * (sinPhi / (1 - es * es) - (1 / (2 * E)) * Math.log((1 - es) / (1 + es)));
}
const QP = q(1);
/** AUTHALIC_RADIUS is the radius of the sphere with the WGS84 ellipsoid's surface area. */
export const AUTHALIC_RADIUS = A * Math.sqrt(QP / 2);

/** sinAuthalic returns sin β, the sine of the authalic latitude of geodetic latitude lat (degrees). */
function sinAuthalic(lat) {
  return q(Math.sin(lat * RAD)) / QP;
}

/**
 * distance returns the geodesic distance in metres between [lon, lat] points a and b (Vincenty inverse;
 * a spherical fallback for the nearly antipodal points where it does not converge).
 */
export function distance(a, b) {
  const L = (b[0] - a[0]) * RAD;
  const U1 = Math.atan((1 - F) * Math.tan(a[1] * RAD));
  const U2 = Math.atan((1 - F) * Math.tan(b[1] * RAD));
  const sinU1 = Math.sin(U1), cosU1 = Math.cos(U1), sinU2 = Math.sin(U2), cosU2 = Math.cos(U2);
  let lambda = L;
  for (let i = 0; i < 200; i++) {
    const sinL = Math.sin(lambda), cosL = Math.cos(lambda);
    const sinSigma = Math.hypot(cosU2 * sinL, cosU1 * sinU2 - sinU1 * cosU2 * cosL);
    if (sinSigma === 0) return 0; // the same point
    const cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
    const sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinL) / sinSigma;
    const cos2Alpha = 1 - sinAlpha * sinAlpha;
    const cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha;
    const C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
    const prev = lambda;
    lambda = L + (1 - C) * F * sinAlpha *
      (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (Math.abs(lambda - prev) < 1e-12) {
      const u2 = (cos2Alpha * (A * A - B * B)) / (B * B);
      const AA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
      const BB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
      const dSigma = BB * sinSigma * (cos2SigmaM + (BB / 4) * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
        (BB / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
      return B * AA * (sigma - dSigma);
    }
  }
  return haversine(a, b);
}

function haversine(a, b) {
  const dLat = (b[1] - a[1]) * RAD, dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * AUTHALIC_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** lineLength returns the geodesic length in metres of a line of [lon, lat] points. */
export function lineLength(points) {
  let sum = 0;
  for (let i = 1; i < points.length; i++) sum += distance(points[i - 1], points[i]);
  return sum;
}

/**
 * ringArea returns the area in square metres enclosed by a ring of [lon, lat] points (closed or not,
 * either orientation) on the WGS84 ellipsoid.
 */
export function ringArea(points) {
  const n = points.length;
  if (n < 3) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const prev = points[(i + n - 1) % n];
    const next = points[(i + 1) % n];
    sum += (next[0] - prev[0]) * RAD * sinAuthalic(points[i][1]);
  }
  return Math.abs((sum * AUTHALIC_RADIUS * AUTHALIC_RADIUS) / 2);
}

/** toMu converts square metres to 亩. */
export function toMu(sqm) {
  return sqm / SQM_PER_MU;
}
