package io.drover.operator.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Program-level '#' and '@' over a numprocs family; members written "name[=boundNode]" in any order. */
class HomogeneousGroupsTest {

    @ParameterizedTest(name = "# {0} over {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            prg_00 prg_01 prg_02 prg_03 prg_04 | cliche04,cliche02 | cliche04 cliche02 cliche04 cliche02 cliche04
            prg_00 prg_01 prg_02               | a,b,c,d           | a b c
            prg_00=b prg_01 prg_02             | a,b,c             | b a c
            prg_00=x prg_01 prg_02             | a,b               | a b a
            prg_02 prg_00 prg_01               | a,b               | a b a
            prg_00 prg_01                      | -                 | - -
            """)
    void hashSpreadsRoundRobinWithRollOver(String members, String reference, String expected) {
        assertEquals(expected, resolve(members, reference, true));
    }

    @ParameterizedTest(name = "@ {0} over {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            prg_00 prg_01 prg_02               | a,b,c             | a b c
            prg_00 prg_01 prg_02 prg_03        | a,b               | a b - -
            prg_00=b prg_01 prg_02             | a,b,c             | b a c
            prg_00=b prg_01=b prg_02           | a,b,c             | b a c
            """)
    void atGivesOneNodePerProcessWithoutRollOver(String members, String reference, String expected) {
        assertEquals(expected, resolve(members, reference, false));
    }

    private static String resolve(String members, String reference, boolean hash) {
        List<HomogeneousGroups.Member> family = new ArrayList<>();
        for (String member : members.trim().split("\\s+")) {
            String[] parts = member.split("=");
            int index = Integer.parseInt(parts[0].substring(parts[0].indexOf('_') + 1));
            family.add(new HomogeneousGroups.Member(parts[0], index, parts.length > 1 ? parts[1] : null));
        }
        List<String> ref = reference.equals("-") ? List.of() : Arrays.asList(reference.split(","));
        Map<String, Optional<String>> result = hash ? HomogeneousGroups.hash(family, ref) : HomogeneousGroups.at(family, ref);
        Map<String, Optional<String>> byIndex = new LinkedHashMap<>();
        family.stream().sorted(java.util.Comparator.comparingInt(HomogeneousGroups.Member::processIndex))
                .forEach(m -> byIndex.put(m.processName(), result.get(m.processName())));
        return String.join(" ", byIndex.values().stream().map(o -> o.orElse("-")).toList());
    }
}
