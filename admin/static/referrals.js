// Referral pages: "Use my location" fills the search's latitude and longitude from the phone (the position never
// leaves this page except in the search itself), and "Print" prints the sheet or card. Pages work without it.
(function () {
  var locate = document.getElementById("use-location");
  if (locate && "geolocation" in navigator) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        document.getElementById("lat").value = position.coords.latitude.toFixed(5);
        document.getElementById("lng").value = position.coords.longitude.toFixed(5);
      });
    });
  }
  var print = document.getElementById("print-sheet");
  if (print) {
    print.addEventListener("click", function () { window.print(); });
  }
})();
