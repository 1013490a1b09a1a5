// The page a browser without the studio's access token gets: one field, sent back as
// `?token=`, which the gate exchanges for a session cookie. Static HTML, no user data echoed.

export function loginPage(wrongToken: boolean): string {
  const notice = wrongToken ? `<p role="alert">That access token is not right. Ask whoever started the studio for it.</p>` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Eventloom — access token</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 28rem; margin: 15vh auto; padding: 0 1rem; color: #1f2937; }
input { font: inherit; width: 100%; padding: .5rem; box-sizing: border-box; margin: .5rem 0 1rem; }
button { font: inherit; padding: .5rem 1rem; }
[role=alert] { color: #b91c1c; }
</style>
</head>
<body>
<main>
<h1>Eventloom</h1>
<p>This studio is shared on the network, so it asks for its access token (the <code>EVENTLOOM_TOKEN</code> it was started with).</p>
${notice}
<form method="get">
<label for="token">Access token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Open the studio</button>
</form>
</main>
</body>
</html>
`;
}
