/** A text's width as the grid draws it, in the grid's font: what grid-layout.ts needs to run text on like Excel. */
import { estimateWidth } from "../grid-layout";

export const FONT_PX = 12;
export const FONT_FAMILY = "Calibri, 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

let canvas: CanvasRenderingContext2D | null | undefined;
/** Canvas measureText in a browser, an estimate where there is no canvas (jsdom). */
export function measureText(text: string, bold: boolean): number {
  if (canvas === undefined) {
    try {
      canvas =
        typeof document !== "undefined" && !/jsdom/i.test(navigator.userAgent)
          ? document.createElement("canvas").getContext("2d")
          : null;
    } catch {
      canvas = null;
    }
  }
  if (!canvas) return estimateWidth(text, FONT_PX) * (bold ? 1.1 : 1);
  canvas.font = `${bold ? 700 : 400} ${FONT_PX}px ${FONT_FAMILY}`;
  return canvas.measureText(text).width;
}
