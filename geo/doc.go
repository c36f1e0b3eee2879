// Package geo turns places and instants into map geometry for the Five Calls
// widget: the Equal Earth projection, great-circle arcs split at the
// antimeridian, the subsolar point and the night hemisphere, label placement,
// and compact SVG path data.
//
// Assumptions, everywhere in the package:
//
//   - Points are orb.Point{lon, lat} in degrees (WGS 84 treated as a sphere),
//     longitude in [-180, 180], latitude in [-90, 90]. Inputs outside that
//     range are wrapped (longitude) or clamped (latitude).
//   - Distances are kilometres on a sphere of the mean Earth radius
//     (EarthRadiusKm); the error against the ellipsoid is below 0.5 %.
//   - Maps use the Equal Earth projection (Šavrič, Patterson & Jenny, 2018):
//     it is equal-area, so the size of a country is not exaggerated the way
//     Mercator exaggerates the north, its poles are lines, so the night cap
//     and polar arcs close cleanly on the map edge, and its forward formula is
//     a cheap polynomial that suits WebAssembly.
//   - A Frame maps lon/lat to SVG viewBox units with y pointing down. Its
//     map is centred on a central meridian (Greenwich unless set), and
//     geometry is cut at the meridian opposite, the map's seam, so that an
//     arc never leaves one edge to come back at the other unless it must;
//     CentralMeridian chooses the meridian that keeps a story's arcs whole.
//     Path data is written with one decimal, which is 1/10 000 of a
//     1000-unit-wide viewBox: finer than a pixel at any size the widget is
//     shown.
//
// The package is pure Go with no embedded data, because it is compiled into
// the WebAssembly client, which must stay small. The Natural Earth basemap
// lives in the server-side package geo/basemap.
package geo
