// Board filters survive leaving the board, like the household list's.
export const boardFilters = $state({
  ownerId: null as string | null,
  municipality: '',
  tag: '',
});
