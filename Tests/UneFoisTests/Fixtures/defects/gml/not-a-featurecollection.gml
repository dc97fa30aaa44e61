<?xml version="1.0"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>
