// Blazor calls this once the page's live connection is up; the browser tests wait for it before they click.
export function afterServerStarted() {
    window.hybridLive = true;
}
