-- Directory model: communes reference, partners, places, people.
-- Extensions (postgis, pg_trgm, unaccent) are created by deploy/infra/postgres.sh as superuser.

-- unaccent() is only STABLE (its dictionary could change), so it cannot appear in an index
-- expression; this wrapper pins the dictionary and is declared IMMUTABLE for that purpose.
CREATE FUNCTION directory_fold(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(regexp_replace(public.unaccent('public.unaccent'::regdictionary, t), '[-''’ ]+', ' ', 'g')) $$;

-- ---------------------------------------------------------------------------------------------
-- Communes reference, loaded from communes.csv by CommuneLoader (never by a migration).
CREATE TABLE commune (
    code_insee        varchar(5) PRIMARY KEY,
    nom               text NOT NULL,
    search_name       text GENERATED ALWAYS AS (directory_fold(nom)) STORED,
    code_departement  varchar(3) NOT NULL,
    code_region       varchar(3),
    code_epci         varchar(9),
    nom_epci          text,
    codes_postaux     text[] NOT NULL DEFAULT '{}',
    population        integer NOT NULL DEFAULT 0,
    superficie_km2    numeric(10, 2),
    latitude          double precision,
    longitude         double precision,
    grille_densite    smallint,
    rural             boolean NOT NULL,
    geog              geography(Point, 4326) GENERATED ALWAYS AS (
                          CASE WHEN latitude IS NOT NULL AND longitude IS NOT NULL
                               THEN ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography END) STORED
);
CREATE INDEX commune_search_trgm ON commune USING gin (search_name gin_trgm_ops);
CREATE INDEX commune_search_prefix ON commune (search_name text_pattern_ops);
CREATE INDEX commune_departement ON commune (code_departement);
CREATE INDEX commune_epci ON commune (code_epci);
CREATE INDEX commune_geog ON commune USING gist (geog);

-- One row per (postal code, commune): prefix search on postal codes uses the btree index.
CREATE TABLE commune_postal_code (
    code_postal  varchar(5) NOT NULL,
    code_insee   varchar(5) NOT NULL REFERENCES commune (code_insee) ON DELETE CASCADE,
    PRIMARY KEY (code_postal, code_insee)
);

-- The file a reference was loaded from and its checksum: an unchanged file is not reloaded.
CREATE TABLE reference_load (
    name        text PRIMARY KEY,
    checksum    text NOT NULL,
    row_count   integer NOT NULL,
    loaded_at   timestamptz NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------------------------------------
ALTER TABLE partner
    ADD COLUMN typologies text[] NOT NULL DEFAULT '{}',
    ADD COLUMN siret varchar(14),
    ADD COLUMN rna varchar(10),
    ADD COLUMN programmes text[] NOT NULL DEFAULT '{}',
    ADD COLUMN email text,
    ADD COLUMN phone varchar(16),
    ADD COLUMN website text,
    ADD CONSTRAINT partner_siret_format CHECK (siret ~ '^[0-9]{14}$'),
    ADD CONSTRAINT partner_rna_format CHECK (rna ~ '^W[0-9A-Z][0-9]{8}$');
CREATE INDEX partner_siret ON partner (siret);
CREATE INDEX partner_rna ON partner (rna);

CREATE TABLE place (
    id                          uuid PRIMARY KEY,
    partner_id                  uuid NOT NULL REFERENCES partner (id),
    -- the standard's `id` when the place came from an import: upsert key of POST /places/import
    source_id                   text UNIQUE,
    name                        text NOT NULL,
    street                      text NOT NULL,
    complement                  text,
    postal_code                 varchar(5) NOT NULL CHECK (postal_code ~ '^[0-9]{5}$'),
    insee_code                  varchar(5) NOT NULL REFERENCES commune (code_insee),
    latitude                    double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude                   double precision CHECK (longitude BETWEEN -180 AND 180),
    geog                        geography(Point, 4326) GENERATED ALWAYS AS (
                                    CASE WHEN latitude IS NOT NULL AND longitude IS NOT NULL
                                         THEN ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography END) STORED,
    opening_hours               text,
    phone                       varchar(16),
    email                       text,
    website                     text,
    presentation                text,
    typologies                  text[] NOT NULL DEFAULT '{}',
    services                    text[] NOT NULL DEFAULT '{}',
    publics                     text[] NOT NULL DEFAULT '{}',
    prise_en_charge             text[] NOT NULL DEFAULT '{}',
    frais                       text[] NOT NULL DEFAULT '{}',
    programmes                  text[] NOT NULL DEFAULT '{}',
    formations_labels           text[] NOT NULL DEFAULT '{}',
    modalites_acces             text[] NOT NULL DEFAULT '{}',
    modalites_accompagnement    text[] NOT NULL DEFAULT '{}',
    itinerance                  text NOT NULL DEFAULT 'Fixe' CHECK (itinerance IN ('Fixe', 'Itinérant')),
    acceslibre_url              text,
    prise_rdv_url               text,
    date_maj                    date,
    served_epci                 varchar(9),
    -- always expanded to INSEE codes (an EPCI becomes its member communes)
    served_communes             text[] NOT NULL DEFAULT '{}',
    version                     bigint NOT NULL DEFAULT 0,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX place_geog ON place USING gist (geog);
CREATE INDEX place_insee ON place (insee_code);
CREATE INDEX place_partner ON place (partner_id);
CREATE INDEX place_services ON place USING gin (services);
CREATE INDEX place_served ON place USING gin (served_communes);

CREATE TABLE person (
    id            uuid PRIMARY KEY,
    role          text NOT NULL CHECK (role IN ('agent_accueil', 'conseiller_numerique', 'agent_france_services',
                                                'benevole', 'aidant_connect')),
    first_name    text NOT NULL,
    last_name     text NOT NULL,
    phone         varchar(16),
    email         text,
    notify_sms    boolean NOT NULL DEFAULT false,
    notify_email  boolean NOT NULL DEFAULT false,
    partner_id    uuid REFERENCES partner (id),
    place_ids     uuid[] NOT NULL DEFAULT '{}',
    version       bigint NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    -- a reminder needs a channel: SMS needs a phone, email an address
    CONSTRAINT person_sms_needs_phone CHECK (NOT notify_sms OR phone IS NOT NULL),
    CONSTRAINT person_email_needs_address CHECK (NOT notify_email OR email IS NOT NULL)
);
CREATE INDEX person_places ON person USING gin (place_ids);
CREATE INDEX person_partner ON person (partner_id);
