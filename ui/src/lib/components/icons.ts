// Hand-drawn 24×24 stroke icons, bundled so the app needs no network or icon font.
export const ICON_PATHS = {
  dashboard:
    '<rect x="3.5" y="3.5" width="7" height="7" rx="1.5"/><rect x="13.5" y="3.5" width="7" height="7" rx="1.5"/><rect x="3.5" y="13.5" width="7" height="7" rx="1.5"/><rect x="13.5" y="13.5" width="7" height="7" rx="1.5"/>',
  households:
    '<path d="M3.5 10.5 12 3.5l8.5 7"/><path d="M5.5 9v11.5h13V9"/><path d="M10 20.5v-5.5h4v5.5"/>',
  board:
    '<rect x="3.5" y="3.5" width="17" height="17" rx="2"/><path d="M8 7.5v7M12 7.5v4M16 7.5v9"/>',
  organisations:
    '<rect x="4.5" y="3.5" width="15" height="17" rx="1.5"/><path d="M8.5 7.5h1.5M14 7.5h1.5M8.5 11.5h1.5M14 11.5h1.5"/><path d="M10 20.5v-4.5h4v4.5"/>',
  tasks: '<rect x="3.5" y="3.5" width="17" height="17" rx="2"/><path d="m8 12.5 3 3 5-6.5"/>',
  events:
    '<rect x="3.5" y="5" width="17" height="15.5" rx="2"/><path d="M3.5 9.5h17M8 3v4M16 3v4"/><path d="M8 13.5h2M14 13.5h2M8 17h2"/>',
  hosts:
    '<circle cx="8.5" cy="8" r="3"/><circle cx="16" cy="9.5" r="2.5"/><path d="M3.5 19.5c.4-3.3 2.3-5.5 5-5.5s4.6 2.2 5 5.5"/><path d="M14.5 14.2c.5-.2 1-.2 1.5-.2 2.3 0 3.9 1.9 4.3 5.5"/>',
  jobs:
    '<rect x="3.5" y="7.5" width="17" height="12" rx="2"/><path d="M9 7.5V5.5a1.5 1.5 0 0 1 1.5-1.5h3A1.5 1.5 0 0 1 15 5.5v2"/><path d="M3.5 12.5h17"/>',
  projects:
    '<path d="M5 20.5V4"/><path d="M5 4.5h11l-2 3.5 2 3.5H5"/>',
  data: '<ellipse cx="12" cy="6" rx="7.5" ry="2.5"/><path d="M4.5 6v12c0 1.4 3.4 2.5 7.5 2.5s7.5-1.1 7.5-2.5V6"/><path d="M4.5 12c0 1.4 3.4 2.5 7.5 2.5s7.5-1.1 7.5-2.5"/>',
  duplicates:
    '<rect x="3.5" y="3.5" width="11.5" height="11.5" rx="2"/><path d="M9 20.5h9.5a2 2 0 0 0 2-2V9"/><path d="M7 9.25h4.5M9.25 7v4.5"/>',
  swap: '<path d="M4.5 8.5h15l-3.5-3.5"/><path d="M19.5 15.5h-15l3.5 3.5"/>',
  lock: '<rect x="5" y="10.5" width="14" height="10" rx="2"/><path d="M8.5 10.5V7.5a3.5 3.5 0 0 1 7 0v3"/>',
  search: '<circle cx="11" cy="11" r="6.5"/><path d="m20 20-4.4-4.4"/>',
  close: '<path d="M6.5 6.5l11 11M17.5 6.5l-11 11"/>',
  globe:
    '<circle cx="12" cy="12" r="8.5"/><path d="M3.5 12h17M12 3.5c2.3 2.4 3.5 5.2 3.5 8.5s-1.2 6.1-3.5 8.5c-2.3-2.4-3.5-5.2-3.5-8.5s1.2-6.1 3.5-8.5z"/>',
  info: '<circle cx="12" cy="12" r="8.5"/><path d="M12 11v5.5M12 7.5v.5"/>',
  check: '<circle cx="12" cy="12" r="8.5"/><path d="m8.5 12.5 2.5 2.5 4.5-5"/>',
  alert: '<circle cx="12" cy="12" r="8.5"/><path d="M12 7.5v5.5M12 16v.5"/>',
  inbox:
    '<path d="M3.5 13.5h5l1.5 2.5h4l1.5-2.5h5"/><path d="M6 4.5h12l2.5 9v5a1.5 1.5 0 0 1-1.5 1.5H5a1.5 1.5 0 0 1-1.5-1.5v-5z"/>',
} as const;

export type IconName = keyof typeof ICON_PATHS;
