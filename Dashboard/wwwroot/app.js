// Small browser helpers the Dashboard's pages call through JS interop.
window.hybrid = {
    // A live page calls this once it has rendered what it read; the browser tests wait for it before they act.
    ready: () => { document.body.dataset.livePage = location.pathname; },
    copy: (text) => navigator.clipboard.writeText(text),
    download: (name, type, text) => {
        const link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([text], { type }));
        link.download = name;
        document.body.appendChild(link);
        link.click();
        link.remove();
        URL.revokeObjectURL(link.href);
    },
};
