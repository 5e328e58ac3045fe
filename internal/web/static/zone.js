// Tells the server the browser's time zone (an IANA name such as
// Asia/Seoul), so that visitors who are not signed in see times in their own
// zone from the next page on. Every page works without it.
(function () {
  "use strict";
  var script = document.currentScript;
  var name = script && script.getAttribute("data-cookie");
  if (!name || !window.Intl || !Intl.DateTimeFormat) {
    return;
  }
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone || !/^[A-Za-z0-9_+\-\/]{1,64}$/.test(zone)) {
    return;
  }
  if (document.cookie.split("; ").indexOf(name + "=" + zone) >= 0) {
    return;
  }
  var secure = location.protocol === "https:" ? "; secure" : "";
  document.cookie = name + "=" + zone + "; path=/; max-age=31536000; samesite=lax" + secure;
})();
