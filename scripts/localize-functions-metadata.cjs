/**
 * Builds the en-US custom-functions metadata from the generated zh-CN functions.json and the hand-kept
 * English texts (src/functions/locales/en-US.json). Used by webpack (emits functions.en-US.json, wired through
 * a manifest <bt:Override>) and by the test that keeps the two from drifting: a function or parameter without an
 * English text, or an English text for something that no longer exists, is an error.
 *
 * Only `description` of functions and parameters is localised: the metadata reference documents no description on
 * `result` (docs/excel/custom-functions-json.md), so the English `result` texts stay in en-US.json for the task
 * pane's function reference and never enter functions.en-US.json.
 *
 * @param {{functions: Array<{id: string, name: string, description?: string, parameters?: Array<{name: string, description?: string}>}>}} metadata
 * @param {Record<string, {description: string, parameters?: Record<string, string>, result?: string}>} english
 * @returns {{metadata: object, problems: string[]}}
 */
function localizeMetadata(metadata, english) {
  const problems = [];
  const seen = new Set();
  const functions = metadata.functions.map((fn) => {
    const en = english[fn.id];
    seen.add(fn.id);
    if (!en) {
      problems.push(`en-US.json has no entry for ${fn.id}`);
      return fn;
    }
    const params = (fn.parameters || []).map((p) => {
      const text = en.parameters && en.parameters[p.name];
      if (!text) problems.push(`en-US.json: ${fn.id} has no text for parameter ${p.name}`);
      return text ? { ...p, description: text } : p;
    });
    for (const name of Object.keys(en.parameters || {})) {
      if (!(fn.parameters || []).some((p) => p.name === name))
        problems.push(`en-US.json: ${fn.id} describes unknown parameter ${name}`);
    }
    return { ...fn, description: en.description, parameters: params };
  });
  for (const id of Object.keys(english)) {
    if (!seen.has(id)) problems.push(`en-US.json describes ${id}, which is not a custom function`);
  }
  return { metadata: { ...metadata, functions }, problems };
}

module.exports = { localizeMetadata };
