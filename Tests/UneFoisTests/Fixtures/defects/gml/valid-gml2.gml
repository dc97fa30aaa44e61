<?xml version="1.0" encoding="UTF-8"?>
<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs" xmlns:gml="http://www.opengis.net/gml" xmlns:qgs="http://www.qgis.org/gml">
 <gml:featureMember>
  <qgs:lieux fid="lieux.1">
   <qgs:geometry><gml:Point srsName="EPSG:4326"><gml:coordinates>5.040412,43.83454</gml:coordinates></gml:Point></qgs:geometry>
   <qgs:nom>Médiathèque La Durance</qgs:nom>
   <qgs:adresse>27 avenue du Pont-de-Durance</qgs:adresse>
   <qgs:code_postal>84300</qgs:code_postal>
   <qgs:commune>Cavaillon</qgs:commune>
   <qgs:code_insee>84035</qgs:code_insee>
   <qgs:date_maj>2025-04-22</qgs:date_maj>
  </qgs:lieux>
 </gml:featureMember>
</wfs:FeatureCollection>
