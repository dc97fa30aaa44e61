<?xml version="1.0" encoding="UTF-8"?>
<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs" xmlns:gml="http://www.opengis.net/gml" xmlns:qgs="http://www.qgis.org/gml">
 <gml:boundedBy>
  <gml:Box srsName="EPSG:4326">
   <gml:coordinates cs="," ts=" ">5.030100,43.747000 5.313000,43.912000</gml:coordinates>
  </gml:Box>
 </gml:boundedBy>
 <gml:featureMember>
  <qgs:lieux_mediation fid="lieux_mediation.2">
   <qgs:geometry>
    <gml:Point srsName="EPSG:4326">
     <gml:coordinates cs="," ts=" ">5.041200,43.835100</gml:coordinates>
    </gml:Point>
   </qgs:geometry>
   <qgs:fid>2</qgs:fid>
   <qgs:nom>MEDIATHEQUE LA DURANCE</qgs:nom>
   <qgs:adresse>27 av. du Pont-de-Durance</qgs:adresse>
   <qgs:code_postal>84300</qgs:code_postal>
   <qgs:commune>Cavaillon</qgs:commune>
   <qgs:code_insee>84035</qgs:code_insee>
   <qgs:telephone>04.90.99.51.02</qgs:telephone>
   <qgs:courriels>bib.cavaillon@exemple-lmv.fr</qgs:courriels>
   <qgs:site_web>https://www.exemple-lmv.fr/bib-cavaillon</qgs:site_web>
   <qgs:horaires>Tu 10:00-12:30,14:00-18:30; We 10:00-18:30; Th,Fr 14:00-18:30; Sa 10:00-17:00</qgs:horaires>
   <qgs:typologie>BIB</qgs:typologie>
   <qgs:services>Maîtrise des outils numériques du quotidien|Accès internet et matériel informatique</qgs:services>
   <qgs:dispositif_programmes_nationaux>Conseillers numériques</qgs:dispositif_programmes_nationaux>
   <qgs:date_maj>2025-04-22</qgs:date_maj>
  </qgs:lieux_mediation>
 </gml:featureMember>
 <gml:featureMember>
  <qgs:lieux_mediation fid="lieux_mediation.4">
   <qgs:geometry>
    <gml:Point srsName="EPSG:4326">
     <gml:coordinates cs="," ts=" ">5.064000,43.801000</gml:coordinates>
    </gml:Point>
   </qgs:geometry>
   <qgs:fid>4</qgs:fid>
   <qgs:nom>Médiathèque de Cheval-Blanc</qgs:nom>
   <qgs:adresse>4 pl. des Micocouliers</qgs:adresse>
   <qgs:code_postal>84460</qgs:code_postal>
   <qgs:commune>Cheval-Blanc</qgs:commune>
   <qgs:code_insee>84038</qgs:code_insee>
   <qgs:telephone>04.90.54.94.99</qgs:telephone>
   <qgs:courriels>bib.cheval-blanc@exemple-lmv.fr</qgs:courriels>
   <qgs:site_web>https://www.exemple-lmv.fr/bib-cheval-blanc</qgs:site_web>
   <qgs:horaires>Tu 14:00-18:00; We 09:30-12:00,14:00-18:00; Sa 09:30-12:30</qgs:horaires>
   <qgs:typologie>BIB</qgs:typologie>
   <qgs:services>Maîtrise des outils numériques du quotidien|Aide aux démarches administratives|Parentalité et éducation avec le numérique</qgs:services>
   <qgs:dispositif_programmes_nationaux>Conseillers numériques</qgs:dispositif_programmes_nationaux>
   <qgs:date_maj>2025-04-03</qgs:date_maj>
  </qgs:lieux_mediation>
 </gml:featureMember>
 <gml:featureMember>
  <qgs:lieux_mediation fid="lieux_mediation.7">
   <qgs:geometry>
    <gml:Point srsName="EPSG:4326">
     <gml:coordinates cs="," ts=" ">5.203500,43.756500</gml:coordinates>
    </gml:Point>
   </qgs:geometry>
   <qgs:fid>7</qgs:fid>
   <qgs:nom>Médiathèque de Mérindol</qgs:nom>
   <qgs:adresse>9 rue du Vieux-Moulin</qgs:adresse>
   <qgs:code_postal>84360</qgs:code_postal>
   <qgs:commune>Mérindol</qgs:commune>
   <qgs:code_insee>84074</qgs:code_insee>
   <qgs:telephone>04.90.67.91.04</qgs:telephone>
   <qgs:courriels>bib.merindol@exemple-lmv.fr</qgs:courriels>
   <qgs:site_web>https://www.exemple-lmv.fr/bib-merindol</qgs:site_web>
   <qgs:horaires>We 09:00-12:00,14:00-18:00; Fr 15:00-18:00; Sa 09:00-12:00</qgs:horaires>
   <qgs:typologie>BIB</qgs:typologie>
   <qgs:services>Maîtrise des outils numériques du quotidien|Aide aux démarches administratives|Parentalité et éducation avec le numérique|Accès internet et matériel informatique</qgs:services>
   <qgs:dispositif_programmes_nationaux>Conseillers numériques</qgs:dispositif_programmes_nationaux>
   <qgs:date_maj>2025-10-14</qgs:date_maj>
  </qgs:lieux_mediation>
 </gml:featureMember>
 <gml:featureMember>
  <qgs:lieux_mediation fid="lieux_mediation.10">
   <qgs:geometry>
    <gml:Point srsName="EPSG:4326">
     <gml:coordinates cs="," ts=" ">5.313000,43.747000</gml:coordinates>
    </gml:Point>
   </qgs:geometry>
   <qgs:fid>10</qgs:fid>
   <qgs:nom>Médiathèque de Lauris</qgs:nom>
   <qgs:adresse>15 bd des Jardins-Suspendus</qgs:adresse>
   <qgs:code_postal>84360</qgs:code_postal>
   <qgs:commune>Lauris</qgs:commune>
   <qgs:code_insee>84065</qgs:code_insee>
   <qgs:telephone>04.90.13.94.19</qgs:telephone>
   <qgs:courriels>bib.lauris@exemple-lmv.fr</qgs:courriels>
   <qgs:site_web>https://www.exemple-lmv.fr/bib-lauris</qgs:site_web>
   <qgs:horaires>Tu 15:00-18:30; We 10:00-12:00,14:00-18:30; Sa 10:00-12:30</qgs:horaires>
   <qgs:typologie>BIB</qgs:typologie>
   <qgs:services>Maîtrise des outils numériques du quotidien|Aide aux démarches administratives</qgs:services>
   <qgs:dispositif_programmes_nationaux></qgs:dispositif_programmes_nationaux>
   <qgs:date_maj>2025-03-08</qgs:date_maj>
  </qgs:lieux_mediation>
 </gml:featureMember>
 <gml:featureMember>
  <qgs:lieux_mediation fid="lieux_mediation.13">
   <qgs:geometry>
    <gml:Point srsName="EPSG:4326">
     <gml:coordinates cs="," ts=" ">5.109000,43.847500</gml:coordinates>
    </gml:Point>
   </qgs:geometry>
   <qgs:fid>13</qgs:fid>
   <qgs:nom>Médiathèque de Robion</qgs:nom>
   <qgs:adresse>2 rue de l&apos;Œuvre</qgs:adresse>
   <qgs:code_postal>84440</qgs:code_postal>
   <qgs:commune>Robion</qgs:commune>
   <qgs:code_insee>84099</qgs:code_insee>
   <qgs:telephone>04.90.11.45.55</qgs:telephone>
   <qgs:courriels>bib.robion@exemple-lmv.fr</qgs:courriels>
   <qgs:site_web>https://www.exemple-lmv.fr/bib-robion</qgs:site_web>
   <qgs:horaires>Tu 16:00-18:30; We 09:00-12:00,14:00-18:00; Sa 09:00-12:00</qgs:horaires>
   <qgs:typologie>BIB</qgs:typologie>
   <qgs:services>Maîtrise des outils numériques du quotidien|Aide aux démarches administratives|Parentalité et éducation avec le numérique|Accès internet et matériel informatique</qgs:services>
   <qgs:dispositif_programmes_nationaux>Conseillers numériques</qgs:dispositif_programmes_nationaux>
   <qgs:date_maj>2025-07-15</qgs:date_maj>
  </qgs:lieux_mediation>
 </gml:featureMember>
 <gml:featureMember>
  <qgs:lieux_mediation fid="lieux_mediation.16">
   <qgs:geometry>
    <gml:Point srsName="EPSG:4326">
     <gml:coordinates cs="," ts=" ">5.089000,43.838000</gml:coordinates>
    </gml:Point>
   </qgs:geometry>
   <qgs:fid>16</qgs:fid>
   <qgs:nom>MEDIATHEQUE DES TAILLADES</qgs:nom>
   <qgs:adresse>6 ch. de la Carrière</qgs:adresse>
   <qgs:code_postal>84300</qgs:code_postal>
   <qgs:commune>Les Taillades</qgs:commune>
   <qgs:code_insee>84131</qgs:code_insee>
   <qgs:telephone>04.90.53.41.48</qgs:telephone>
   <qgs:courriels>bib.taillades@exemple-lmv.fr</qgs:courriels>
   <qgs:site_web>https://www.exemple-lmv.fr/bib-taillades</qgs:site_web>
   <qgs:horaires>We 14:00-18:00; Fr 16:00-18:30; Sa 09:30-12:00</qgs:horaires>
   <qgs:typologie>BIB</qgs:typologie>
   <qgs:services>Aide aux démarches administratives|Utilisation sécurisée du numérique|Accès internet et matériel informatique</qgs:services>
   <qgs:dispositif_programmes_nationaux>Conseillers numériques</qgs:dispositif_programmes_nationaux>
   <qgs:date_maj>2025-06-22</qgs:date_maj>
  </qgs:lieux_mediation>
 </gml:featureMember>
 <gml:featureMember>
  <qgs:lieux_mediation fid="lieux_mediation.20">
   <qgs:geometry>
    <gml:Point srsName="EPSG:4326">
     <gml:coordinates cs="," ts=" ">5.200000,43.912000</gml:coordinates>
    </gml:Point>
   </qgs:geometry>
   <qgs:fid>20</qgs:fid>
   <qgs:nom>Médiathèque de Gordes</qgs:nom>
   <qgs:adresse>3 pl. du Belvédère</qgs:adresse>
   <qgs:code_postal>84220</qgs:code_postal>
   <qgs:commune>Gordes</qgs:commune>
   <qgs:code_insee>84050</qgs:code_insee>
   <qgs:telephone>04.90.27.82.24</qgs:telephone>
   <qgs:courriels>bib.gordes@exemple-lmv.fr</qgs:courriels>
   <qgs:site_web>https://www.exemple-lmv.fr/bib-gordes</qgs:site_web>
   <qgs:horaires>We 10:00-12:00,15:00-18:00; Sa 10:00-12:00</qgs:horaires>
   <qgs:typologie>BIB</qgs:typologie>
   <qgs:services>Maîtrise des outils numériques du quotidien|Aide aux démarches administratives|Parentalité et éducation avec le numérique|Accès internet et matériel informatique</qgs:services>
   <qgs:dispositif_programmes_nationaux></qgs:dispositif_programmes_nationaux>
   <qgs:date_maj>2025-06-24</qgs:date_maj>
  </qgs:lieux_mediation>
 </gml:featureMember>
 <gml:featureMember>
  <qgs:lieux_mediation fid="lieux_mediation.26">
   <qgs:geometry>
    <gml:Point srsName="EPSG:4326">
     <gml:coordinates cs="," ts=" ">5.034500,43.839200</gml:coordinates>
    </gml:Point>
   </qgs:geometry>
   <qgs:fid>26</qgs:fid>
   <qgs:nom>France Services de Cavaillon</qgs:nom>
   <qgs:adresse>140 av. des Maraîchers</qgs:adresse>
   <qgs:code_postal>84300</qgs:code_postal>
   <qgs:commune>Cavaillon</qgs:commune>
   <qgs:code_insee>84035</qgs:code_insee>
   <qgs:telephone>04.90.23.41.37</qgs:telephone>
   <qgs:courriels>fs.cavaillon@exemple-lmv.fr</qgs:courriels>
   <qgs:site_web>https://www.exemple-lmv.fr/fs-cavaillon</qgs:site_web>
   <qgs:horaires>Mo-Th 09:00-12:00,14:00-17:00; Fr 09:00-12:00</qgs:horaires>
   <qgs:typologie>RFS</qgs:typologie>
   <qgs:services>Aide aux démarches administratives|Maîtrise des outils numériques du quotidien</qgs:services>
   <qgs:dispositif_programmes_nationaux>France Services</qgs:dispositif_programmes_nationaux>
   <qgs:date_maj>2025-05-30</qgs:date_maj>
  </qgs:lieux_mediation>
 </gml:featureMember>
 <gml:featureMember>
  <qgs:lieux_mediation fid="lieux_mediation.27">
   <qgs:geometry>
    <gml:Point srsName="EPSG:4326">
     <gml:coordinates cs="," ts=" ">5.201000,43.758000</gml:coordinates>
    </gml:Point>
   </qgs:geometry>
   <qgs:fid>27</qgs:fid>
   <qgs:nom>France Services de Mérindol</qgs:nom>
   <qgs:adresse>1 pl. de la Mairie-Neuve</qgs:adresse>
   <qgs:code_postal>84360</qgs:code_postal>
   <qgs:commune>Mérindol</qgs:commune>
   <qgs:code_insee>84074</qgs:code_insee>
   <qgs:telephone>04.90.38.67.35</qgs:telephone>
   <qgs:courriels>fs.merindol@exemple-lmv.fr</qgs:courriels>
   <qgs:site_web>https://www.exemple-lmv.fr/fs-merindol</qgs:site_web>
   <qgs:horaires>Mo 08:30-12:00; Tu 08:30-12:00,13:30-17:00; Th 08:30-12:00,13:30-17:00; Fr 08:30-12:00</qgs:horaires>
   <qgs:typologie>RFS</qgs:typologie>
   <qgs:services>Aide aux démarches administratives|Maîtrise des outils numériques du quotidien</qgs:services>
   <qgs:dispositif_programmes_nationaux>France Services</qgs:dispositif_programmes_nationaux>
   <qgs:date_maj>2025-06-14</qgs:date_maj>
  </qgs:lieux_mediation>
 </gml:featureMember>
 <gml:featureMember>
  <qgs:lieux_mediation fid="lieux_mediation.30">
   <qgs:geometry>
    <gml:Point srsName="EPSG:4326">
     <gml:coordinates cs="," ts=" ">5.135500,43.854800</gml:coordinates>
    </gml:Point>
   </qgs:geometry>
   <qgs:fid>30</qgs:fid>
   <qgs:nom>France Services de Coustellet</qgs:nom>
   <qgs:adresse>38 av. du Marché-Paysan</qgs:adresse>
   <qgs:code_postal>84660</qgs:code_postal>
   <qgs:commune>Maubec</qgs:commune>
   <qgs:code_insee>84071</qgs:code_insee>
   <qgs:telephone>04.90.15.60.02</qgs:telephone>
   <qgs:courriels>fs.coustellet@exemple-lmv.fr</qgs:courriels>
   <qgs:site_web>https://www.exemple-lmv.fr/fs-coustellet</qgs:site_web>
   <qgs:horaires>Mo,Tu 09:00-12:00,14:00-17:00; We 09:00-12:00; Th,Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00</qgs:horaires>
   <qgs:typologie>RFS</qgs:typologie>
   <qgs:services>Aide aux démarches administratives|Maîtrise des outils numériques du quotidien</qgs:services>
   <qgs:dispositif_programmes_nationaux>France Services|Conseillers numériques</qgs:dispositif_programmes_nationaux>
   <qgs:date_maj>2025-05-27</qgs:date_maj>
  </qgs:lieux_mediation>
 </gml:featureMember>
 <gml:featureMember>
  <qgs:lieux_mediation fid="lieux_mediation.33">
   <qgs:geometry>
    <gml:Point srsName="EPSG:4326">
     <gml:coordinates cs="," ts=" ">5.030100,43.833000</gml:coordinates>
    </gml:Point>
   </qgs:geometry>
   <qgs:fid>33</qgs:fid>
   <qgs:nom>La Fabrique Clic &amp; Lien</qgs:nom>
   <qgs:adresse>8 impasse des Melons</qgs:adresse>
   <qgs:code_postal>84300</qgs:code_postal>
   <qgs:commune>Cavaillon</qgs:commune>
   <qgs:code_insee>84035</qgs:code_insee>
   <qgs:telephone>04.90.29.74.24</qgs:telephone>
   <qgs:courriels>asso.cavaillon@exemple-lmv.fr</qgs:courriels>
   <qgs:site_web>https://www.exemple-lmv.fr/asso-cavaillon</qgs:site_web>
   <qgs:horaires>We-Fr 14:00-19:00; Sa 10:00-13:00</qgs:horaires>
   <qgs:typologie>ASSO|TIERS_LIEUX</qgs:typologie>
   <qgs:services>Acquisition de matériel informatique à prix solidaire|Loisirs et créations numériques|Maîtrise des outils numériques du quotidien</qgs:services>
   <qgs:dispositif_programmes_nationaux></qgs:dispositif_programmes_nationaux>
   <qgs:date_maj>2025-06-24</qgs:date_maj>
  </qgs:lieux_mediation>
 </gml:featureMember>
</wfs:FeatureCollection>
