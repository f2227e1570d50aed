-- 招聘: postings (the seed's and those published since), what search looks up in them,
-- applications, favorites and saved searches. Times are milliseconds on the backend's clock.
-- Ids are compared byte by byte ("C"), as the mock's cursors compare them.

create table jobs_postings (
  -- Order of publication: the seed's 0…n-1, then each published one.
  seq integer primary key check (seq >= 0),
  -- `j` and seq + 1, zero-padded: ordering by id is ordering by seq, which breaks every tie.
  id text collate "C" not null unique check (id ~ '^j[0-9]{6,}$' and substr(id, 2)::bigint = seq + 1),
  title text not null,
  employer text not null,
  district_code text not null,
  district text not null,
  -- One of the contract's JOB_INDUSTRIES, which the contract checks.
  industry text not null,
  -- Which kind of job of the industry's (its duties feed the description).
  kind smallint not null check (kind >= 0),
  salary_min integer not null check (salary_min > 0),
  salary_max integer not null check (salary_max >= salary_min),
  tags text[] not null,
  posted_at bigint not null,
  -- Open through this Shanghai day.
  deadline date not null,
  headcount integer not null check (headcount > 0),
  education text not null,
  experience text not null,
  -- Lower-cased title and employer, what search looks in.
  hay text not null
);

-- Each sort's order (read backwards), alone and under the filters a list sets: newest first,
-- best paid first (which is also where a minimum salary starts), ties by id.
create index jobs_postings_latest on jobs_postings (posted_at, id);
create index jobs_postings_salary on jobs_postings (salary_max, id);
create index jobs_postings_district_latest on jobs_postings (district_code, posted_at, id);
create index jobs_postings_district_salary on jobs_postings (district_code, salary_max, id);
create index jobs_postings_industry_latest on jobs_postings (industry, posted_at, id);
create index jobs_postings_industry_salary on jobs_postings (industry, salary_max, id);
-- How many are open: every list's total.
create index jobs_postings_deadline on jobs_postings (deadline);

-- Where a text may be: every pair of neighbouring characters of a posting's hay, each once a
-- posting, and its last character with a line break after it, so that every character starts a
-- pair (Chinese has no spaces to split words at, and one- and two-character queries are the
-- common ones, which no trigram can serve). A query of one character looks up the pairs it
-- starts (a range of the index, compared byte by byte), a longer one each of its pairs; the
-- posting's hay then decides. The store writes a posting's pairs with the posting: no foreign
-- key, whose check of some 85,000 rows would double the time a seeding takes.
create table jobs_posting_bigrams (
  bigram text collate "C" not null,
  seq integer not null,
  primary key (bigram, seq)
);

create table jobs_applications (
  id text collate "C" primary key,
  account_id text not null references core_accounts (id),
  job_id text collate "C" not null references jobs_postings (id),
  created_at bigint not null,
  message text,
  -- Where it ends up after three days, fixed when it is made.
  outcome text not null check (outcome in ('interview', 'rejected', 'viewed')),
  -- One application an account and job: the rule behind ALREADY_APPLIED.
  unique (account_id, job_id)
);
-- A person's list, newest first; a day's count for the daily limit.
create index jobs_applications_of_account on jobs_applications (account_id, created_at, id);

create table jobs_favorites (
  -- Favoriting is a set: one row an account and job.
  account_id text not null references core_accounts (id),
  job_id text collate "C" not null references jobs_postings (id),
  created_at bigint not null,
  primary key (account_id, job_id)
);
create index jobs_favorites_of_account on jobs_favorites (account_id, created_at, job_id);

create table jobs_subscriptions (
  id text collate "C" primary key,
  account_id text not null references core_accounts (id),
  q text,
  district_code text,
  industry text,
  salary_min integer check (salary_min > 0),
  -- The criteria as the rules compare two saved searches (mock/jobs/search.ts `searchKey`).
  search_key text not null,
  created_at bigint not null,
  last_seen_at bigint not null,
  -- Postings with a higher seq are new to this person.
  last_seen_seq integer not null,
  check (q is not null or district_code is not null or industry is not null or salary_min is not null),
  -- The same search twice is refused: the rule behind ALREADY_SUBSCRIBED.
  unique (account_id, search_key)
);
create index jobs_subscriptions_of_account on jobs_subscriptions (account_id, created_at, id);
