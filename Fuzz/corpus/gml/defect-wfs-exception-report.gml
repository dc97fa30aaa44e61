<?xml version="1.0" encoding="UTF-8"?>
<ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows" version="1.1.0">
 <ows:Exception exceptionCode="InvalidParameterValue" locator="typeName">
  <ows:ExceptionText>Unknown feature type lieux</ows:ExceptionText>
 </ows:Exception>
</ows:ExceptionReport>
