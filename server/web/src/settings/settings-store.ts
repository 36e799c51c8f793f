// The optional API key (servers with API_KEYS set). localStorage can throw (privacy modes,
// storage disabled): then the key simply lives for this page only.
const KEY = 'transcript-qa.apiKey';
let memory: string | undefined;

export function getApiKey(): string | undefined {
  try {
    return localStorage.getItem(KEY) ?? undefined;
  } catch {
    return memory;
  }
}

export function setApiKey(value: string | undefined): void {
  memory = value || undefined;
  try {
    if (memory) localStorage.setItem(KEY, memory);
    else localStorage.removeItem(KEY);
  } catch {
    // Kept in memory only.
  }
}
