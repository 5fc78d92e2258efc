// Checks that network and process modules are unavailable and fetch does not reach the network.
for (const name of ["net", "http", "https", "child_process", "dgram"]) {
  try {
    require(name);
    console.log(name, "-> loaded");
  } catch (e) {
    console.log(name, "->", e.message);
  }
}
console.log("fetch:", typeof fetch, "XMLHttpRequest:", typeof XMLHttpRequest, "WebSocket:", typeof WebSocket);
