// GraphiQL for Riwayat: the bearer token is entered once, kept in this browser's localStorage,
// and sent as "Authorization: Bearer <token>" on every request the IDE makes.
(function () {
  "use strict";
  var TOKEN_KEY = "riwayat.graphiql.token";
  var input = document.getElementById("token-input");
  var status = document.getElementById("token-status");

  function storedToken() {
    return window.localStorage.getItem(TOKEN_KEY) || "";
  }

  function showStatus() {
    status.textContent = storedToken() ? "Token saved in this browser." : "No token: requests are anonymous.";
  }

  document.getElementById("token-bar").addEventListener("submit", function (event) {
    event.preventDefault();
    var token = input.value.trim().replace(/^Bearer\s+/i, "");
    if (token) {
      window.localStorage.setItem(TOKEN_KEY, token);
    }
    input.value = "";
    showStatus();
  });
  document.getElementById("token-forget").addEventListener("click", function () {
    window.localStorage.removeItem(TOKEN_KEY);
    showStatus();
  });
  showStatus();

  // Read at request time, so a token saved after the page loaded applies at once. A header
  // typed into GraphiQL's own headers editor wins over the saved token.
  function fetchWithToken(url, init) {
    var options = Object.assign({}, init);
    var headers = new Headers(options.headers || {});
    var token = storedToken();
    if (token && !headers.has("authorization")) {
      headers.set("authorization", "Bearer " + token);
    }
    options.headers = headers;
    return window.fetch(url, options);
  }

  var fetcher = GraphiQL.createFetcher({
    url: window.location.href.split("?")[0].split("#")[0],
    fetch: fetchWithToken,
  });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    })
  );
})();
