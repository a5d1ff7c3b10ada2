<?xml version="1.0" encoding="utf-8" ?>
<ogr:FeatureCollection
     gml:id="aFeatureCollection"
     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
     xsi:schemaLocation="http://ogr.maptools.org/ gk-buildings.xsd"
     xmlns:ogr="http://ogr.maptools.org/"
     xmlns:gml="http://www.opengis.net/gml/3.2">
  <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4549"><gml:lowerCorner>3351158.84006763 511545.692633328</gml:lowerCorner><gml:upperCorner>3351303.22161333 511795.753806445</gml:upperCorner></gml:Envelope></gml:boundedBy>
                                                                                                                  
  <ogr:featureMember>
    <ogr:buildings gml:id="buildings.0">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4549"><gml:lowerCorner>3351158.84006763 511545.692633328</gml:lowerCorner><gml:upperCorner>3351181.0522378 511584.201795746</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Polygon srsName="urn:ogc:def:crs:EPSG::4549" gml:id="buildings.geom.0"><gml:exterior><gml:LinearRing><gml:posList>3351158.84006763 511545.716047578 3351158.88077826 511584.201795746 3351181.0522378 511584.178303448 3351181.01152701 511545.692633328 3351158.84006763 511545.716047578</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></ogr:geometryProperty>
      <ogr:名称>1号楼</ogr:名称>
      <ogr:户数>48</ogr:户数>
      <ogr:层数>6</ogr:层数>
      <ogr:小区>翠苑一区</ogr:小区>
      <ogr:社区>翠苑社区</ogr:社区>
    </ogr:buildings>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:buildings gml:id="buildings.1">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4549"><gml:lowerCorner>3351158.94209822 511641.895004412</gml:lowerCorner><gml:upperCorner>3351192.24033772 511680.416167388</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Polygon srsName="urn:ogc:def:crs:EPSG::4549" gml:id="buildings.geom.1"><gml:exterior><gml:LinearRing><gml:posList>3351158.94209822 511641.93041852 3351158.98314755 511680.416167388 3351192.24033772 511680.380636208 3351192.19928815 511641.895004412 3351158.94209822 511641.93041852</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></ogr:geometryProperty>
      <ogr:名称>2号楼</ogr:名称>
      <ogr:户数>36</ogr:户数>
      <ogr:层数>6</ogr:层数>
      <ogr:小区>翠苑一区</ogr:小区>
      <ogr:社区>翠苑社区</ogr:社区>
    </ogr:buildings>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:buildings gml:id="buildings.2">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4549"><gml:lowerCorner>3351269.90228328 511737.990059481</gml:lowerCorner><gml:upperCorner>3351303.22161333 511795.753806445</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Polygon srsName="urn:ogc:def:crs:EPSG::4549" gml:id="buildings.geom.2"><gml:exterior><gml:LinearRing><gml:posList>3351269.90228328 511738.025767342 3351269.96441733 511795.753806445 3351303.22161333 511795.717922971 3351303.1594789 511737.990059481 3351269.90228328 511738.025767342</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></ogr:geometryProperty>
      <ogr:名称>5幢</ogr:名称>
      <ogr:层数>11</ogr:层数>
      <ogr:小区>翠苑二区</ogr:小区>
      <ogr:社区>翠苑社区</ogr:社区>
    </ogr:buildings>
  </ogr:featureMember>
</ogr:FeatureCollection>
