package fr.maillage.system.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import org.junit.jupiter.api.Test;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

class FuzzDryRunTmp {
    @Test
    void dry() throws Exception {
        String doc = Files.readString(Path.of(".run/gateway/html/openapi.json"));
        ParseOptions o = new ParseOptions(); o.setResolve(true); o.setResolveFully(true);
        var r = new OpenAPIV3Parser().readContents(doc, null, o);
        System.out.println("messages " + r.getMessages());
        var ops = FuzzPlan.operations(r.getOpenAPI());
        FuzzFixtures f = new FuzzFixtures();
        f.appToken = "x"; f.mobile = "06 12 00 00 01"; f.otherMobile = "06 12 00 00 02";
        for (String k : List.of("PARTNER","PLACE","PLACE2","PERSON","PERSON2","OFFER","OFFER2","SLOT","SLOT2","BOOKING","BOOKING2","TOKEN","SHIFT","WEBHOOK")) f.ids.put(k, UUID.randomUUID().toString());
        var cases = FuzzPlan.build(ops, f, 16);
        Map<String,Integer> perOp = new TreeMap<>(); Map<String,Integer> perWho = new TreeMap<>(); Map<String,Integer> lane = new TreeMap<>();
        for (var c : cases) { perOp.merge(c.op(),1,Integer::sum); perWho.merge(c.who().name(),1,Integer::sum); }
        System.out.println("ops " + ops.size() + " cases " + cases.size() + " who " + perWho);
        perOp.forEach((k,v)->System.out.println(v + " " + k));
        List<String> lines = new ArrayList<>();
        for (var c : cases) lines.add(c.describe() + " :: " + c.method() + " " + (c.target().length()>150?c.target().substring(0,150):c.target()) + " :: " + (c.body()==null?"":new String(java.util.Arrays.copyOf(c.body(), Math.min(300, c.body().length)), java.nio.charset.StandardCharsets.UTF_8)));
        Files.write(Path.of("/tmp/fuzzdry/cases.txt"), lines);
    }
}
