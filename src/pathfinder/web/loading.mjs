// Words and checks for the engine's loading, as pure functions (no DOM): what the download costs, how far it
// has got, whether to ask before downloading, what a situation would change, and what went wrong.

export function megabytes(bytes) {
  const mb = bytes / 1e6;
  return `${mb < 0.1 ? "0.1" : mb.toFixed(1)} MB`;
}

// "save-data" when the visitor asked their browser to save data, "slow" on a very slow connection, else null.
// `connection` is navigator.connection (Chromium-based browsers; others have none, and are not asked).
export function connectionAdvice(connection) {
  if (!connection) return null;
  if (connection.saveData) return "save-data";
  const type = connection.effectiveType;
  if (type === "slow-2g" || type === "2g") return "slow";
  if (typeof connection.downlink === "number" && connection.downlink > 0 && connection.downlink < 0.7) return "slow";
  return null;
}

export function askWords(advice, download) {
  const why = advice === "save-data" ? "Your browser asks sites to save data"
    : "Your connection looks slow";
  return `Planning from your situation needs a one-off download of about ${megabytes(download)}. ${why}, `
    + "so nothing has been downloaded yet. The routes below are for anyone.";
}

// How the download is going. `total` is what the worker fetches (bytes as files), `download` what the visitor
// pays for everything (compressed); elapsed and idle in ms.
export function progressWords({ loaded, elapsed, idle }, total, download) {
  const share = total > 0 ? Math.min(loaded / total, 1) : 0;
  if (share >= 0.98) return { text: "Setting up the route finder in your browser. The download is done.", share, slow: false };
  const done = megabytes(share * download);
  let text = `Downloading the route finder: ${done} of about ${megabytes(download)}.`;
  let slow = false;
  if (idle >= 5000) {
    text += ` Nothing has arrived for ${Math.round(idle / 1000)} seconds: your connection may have dropped.`;
    slow = true;
  } else if (elapsed >= 2500 && share > 0) {
    const left = (elapsed / share) * (1 - share) / 1000;
    if (left > 10) {
      text += ` Your connection is slow: about ${left > 90 ? `${Math.round(left / 60)} minutes` : `${Math.round(left)} seconds`} more.`;
      slow = true;
    }
  } else if (elapsed >= 2500) {
    text += " Nothing has arrived yet: your connection may be slow.";
    slow = true;
  }
  return { text, share, slow };
}

// What the visitor's situation could change about the plain routes shown while the engine works.
export function situationNote(question, settings) {
  const changes = [];
  if (question.have) changes.push("a step that needs a qualification you do not have gets a course added before it");
  if (question.hours) changes.push(`working or training ${question.hours} hours a week can make some steps take longer`);
  if (question.earn) changes.push("routes where you do not earn while you learn are left out");
  if (question.max) changes.push(`routes longer than ${question.max} months are left out`);
  if (question.avoid.length) {
    changes.push(`steps that happen only in ${question.avoid.map((s) => settings[s] || s).join(" or ")} are left out`);
  }
  if (!question.to && question.within) changes.push(`your plan lists the roles you could reach within ${question.within} months`);
  const said = changes.length ? ` With your situation, ${changes.join("; ")}.` : "";
  return `These are the routes for anyone, worked out when the site was built.${said}`;
}

export function failureWords(failure) {
  const reason = failure && failure.reason;
  if (reason === "no-wasm") {
    return "The route finder cannot run in this browser: it needs WebAssembly, which this browser has turned off "
      + "(some school and workplace browsers do). The routes below are for anyone; they do not use your situation.";
  }
  if (reason === "download") {
    return "The route finder could not be downloaded, so it cannot plan from your situation. Check your connection "
      + "and try again. The routes below are for anyone.";
  }
  return "The route finder could not start in this browser, so it cannot plan from your situation. The routes "
    + "below are for anyone, and every career page lists the routes into it.";
}
