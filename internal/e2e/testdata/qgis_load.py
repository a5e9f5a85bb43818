"""Loads what a parkmap server publishes in headless QGIS, as a GIS user would, and reports what QGIS saw.

Usage: python3 qgis_load.py BASE_URL OUT.json  (Debian's /usr/bin/python3 with python3-qgis; QT_QPA_PLATFORM=offscreen)

For every collection of BASE_URL/collections: the layer QGIS's OAPIF provider makes of it, whether it is
valid, its feature count, and per feature its attributes as QGIS holds them (NULL as None). For the
tiles: a vector tile layer of the "all" tileset by its XYZ URL, styled by the published style
(styleUrl), rendered over the county; how many pixels differ from the background. Every message QGIS
logged (tag, level, text) goes into the report, so the Go test can fail on errors a user would see.
The script judges nothing itself: internal/e2e/qgis_test.go does.
"""

import json
import sys
import urllib.parse
import urllib.request

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsRectangle,
    QgsVectorLayer,
    QgsVectorTileLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor


def main(base, out_path):
    app = QgsApplication([], False)
    app.initQgis()
    messages = []
    QgsApplication.messageLog().messageReceived.connect(
        lambda text, tag, level: messages.append({"tag": tag, "level": int(level), "text": text}))

    with urllib.request.urlopen(base + "/collections") as r:
        collections = [c["id"] for c in json.load(r)["collections"]]
    report = {"qgis": Qgis.QGIS_VERSION, "collections": {}, "messages": messages}
    layer = None
    for cid in collections:
        uri = "url='%s' typename='%s' pagingEnabled='true' restrictToRequestBBOX='0'" % (base, cid)
        layer = QgsVectorLayer(uri, cid, "OAPIF")
        entry = {"valid": layer.isValid(), "fields": [], "features": {}}
        if layer.isValid():
            entry["fields"] = [f.name() for f in layer.fields()]
            for feat in layer.getFeatures():
                attrs = {}
                for name in entry["fields"]:
                    v = feat[name]
                    attrs[name] = None if v is None or (hasattr(v, "isNull") and v.isNull()) else str(v)
                entry["features"][attrs.get("id") or str(feat.id())] = attrs
        report["collections"][cid] = entry

    tiles_url = base + "/tiles/all/{z}/{x}/{y}.mvt"
    style_url = base + "/styles/parkmap.json"
    tile_uri = "type=xyz&url=%s&zmin=0&zmax=16&styleUrl=%s" % (
        urllib.parse.quote(tiles_url, safe=":/"), urllib.parse.quote(style_url, safe=":/"))
    tiles = QgsVectorTileLayer(tile_uri, "parkmap")
    entry = {"valid": tiles.isValid(), "uri": tile_uri}
    if tiles.isValid():
        msg, ok = tiles.loadDefaultStyle()
        entry["style_loaded"] = bool(ok)
        entry["style_message"] = msg
        styles = tiles.renderer().styles() if tiles.renderer() is not None else []
        entry["renderer_styles"] = len(styles)
        settings = QgsMapSettings()
        settings.setLayers([tiles])
        settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
        # The county's core at about z12 (Web Mercator metres): parks, zones and towns.
        settings.setExtent(QgsRectangle(13405000, 3195000, 13435000, 3215000))
        settings.setOutputSize(QSize(600, 400))
        settings.setBackgroundColor(QColor(255, 0, 255))
        job = QgsMapRendererParallelJob(settings)
        job.start()
        job.waitForFinished()
        img = job.renderedImage()
        # Pixels that neither the canvas (magenta) nor the style's background layer painted: the
        # county's land, the zones, the parks and the towns, all from the tiles.
        unpainted = {QColor(255, 0, 255).rgb(), QColor(style_background(style_url)).rgb()}
        drawn = 0
        for y in range(0, img.height(), 4):
            for x in range(0, img.width(), 4):
                if img.pixel(x, y) not in unpainted:
                    drawn += 1
        entry["pixels_sampled"] = (img.width() // 4) * (img.height() // 4)
        entry["pixels_drawn"] = drawn
    report["tiles"] = entry

    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    # The layers go before QGIS does: PyQGIS crashes at exit when they outlive exitQgis.
    del layer, tiles
    app.exitQgis()


def style_background(style_url):
    with urllib.request.urlopen(style_url) as r:
        style = json.load(r)
    return next(l["paint"]["background-color"] for l in style["layers"] if l["type"] == "background")


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2])
