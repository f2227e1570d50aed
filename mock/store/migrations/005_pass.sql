-- The pass (一码): each document's pass id, the checks made of it, each checker's lookups.

-- A random pseudonym per document: tokens carry it encrypted, never the document.
create table pass_holders (
  doc_key text collate "C" primary key,
  pass_id text collate "C" not null unique check (pass_id ~ '^[0-9a-f]{32}$')
);

create table pass_checks (
  seq bigint generated always as identity primary key,
  doc_key text collate "C" not null,
  at bigint not null,
  by_role text not null check (by_role in ('worker', 'staff')),
  place text not null
);
-- The holder's list, newest first.
create index pass_checks_of_document on pass_checks (doc_key, at desc, seq desc);

create table pass_lookups (
  account_id text collate "C" not null,
  at bigint not null
);
create index pass_lookups_of_checker on pass_lookups (account_id, at);
