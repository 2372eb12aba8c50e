package fr.maillage.directory.api;

import java.util.List;

import fr.maillage.directory.service.TerritoryListService;

/** Representations of /api/v1/epcis and /api/v1/departements (issue 21). */
public final class TerritoryResponses {
    private TerritoryResponses() {
    }

    /** An EPCI: SIREN, name, its communes' départements, number of communes and population (arrondissements excluded). */
    public record EpciResponse(String code, String nom, List<String> departements, long nombreCommunes, long population) {
        static EpciResponse of(TerritoryListService.Epci e) {
            return new EpciResponse(e.code(), e.nom(), e.departements(), e.communes(), e.population());
        }
    }

    /** An EPCI with one page of its communes. */
    public record EpciDetail(String code, String nom, List<String> departements, long nombreCommunes, long population,
            PageResponse<CommuneResponse> communes) {
    }

    /** A département of the COG: code, name, region, number of communes and population in the reference. */
    public record DepartementResponse(String code, String nom, String region, long nombreCommunes, long population) {
        static DepartementResponse of(TerritoryListService.Departement d) {
            return new DepartementResponse(d.code(), d.nom(), d.region(), d.communes(), d.population());
        }
    }

    /** A département with one page of its communes. */
    public record DepartementDetail(String code, String nom, String region, long nombreCommunes, long population,
            PageResponse<CommuneResponse> communes) {
    }
}
