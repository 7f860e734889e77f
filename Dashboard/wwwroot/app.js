// Small browser helpers the Dashboard's pages call through JS interop.
window.hybrid = {
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
