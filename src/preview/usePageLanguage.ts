/** The task pane sets <html lang> from its language setting: the preview's own labels follow it. */
import * as React from "react";

export function usePageLanguage(): "zh-CN" | "en-US" {
  const [lang, setLang] = React.useState<"zh-CN" | "en-US">("zh-CN");
  React.useEffect(() => {
    const read = () => setLang(document.documentElement.lang === "en-US" ? "en-US" : "zh-CN");
    const obs = new MutationObserver(read);
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
    return () => obs.disconnect();
  }, []);
  return lang;
}
