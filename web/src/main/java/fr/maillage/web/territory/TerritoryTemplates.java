package fr.maillage.web.territory;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The territory pages' templates (src/main/resources/templates/territory/), checked at build time. */
@CheckedTemplate(basePath = "territory")
public class TerritoryTemplates {
    public static native TemplateInstance home(TerritoryHome.View v);

    public static native TemplateInstance coverage(CoveragePage.View v);

    public static native TemplateInstance indicators(IndicatorsPage.View v);
}
