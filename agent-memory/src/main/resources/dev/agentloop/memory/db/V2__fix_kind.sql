-- The kind of change a fix made (tokens it removed and added, with names and large numbers abstracted), filled when
-- the fix is recorded. Similar failures whose fixes share a kind support each other in the ranking.
ALTER TABLE failures ADD COLUMN fix_kind text NOT NULL DEFAULT '';
