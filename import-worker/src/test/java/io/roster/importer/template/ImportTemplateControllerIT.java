package io.roster.importer.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The download endpoint through Spring MVC: no admin key, the right media types, problem+json for a wrong name. */
class ImportTemplateControllerIT {

    final MockMvc mvc = MockMvcBuilders.standaloneSetup(new ImportTemplateController()).build();

    @Test
    void servesTheXlsxTemplatesWithoutAKey() throws Exception {
        byte[] body = mvc.perform(get("/api/v1/import-templates/users.xlsx"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(ImportTemplateController.XLSX))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"roster-users.xlsx\""))
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("Users");
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("LASTNAME*");
        }
        byte[] contacts = mvc.perform(get("/api/v1/import-templates/contacts.xlsx")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(contacts))) {
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("OWNER_LOGIN*");
        }
    }

    @Test
    void servesTheCsvTemplates() throws Exception {
        byte[] body = mvc.perform(get("/api/v1/import-templates/contacts.csv"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(body, StandardCharsets.UTF_8)).startsWith("\uFEFFOWNER_LOGIN*,LASTNAME*,FIRSTNAME*")
                .contains("\r\nzoe.durand,Petit,Hugo,");
    }

    @Test
    void anUnknownTemplateIsAProblemJson404() throws Exception {
        for (String name : new String[] {"admins.xlsx", "users.xls", "users", "users.pdf"}) {
            mvc.perform(get("/api/v1/import-templates/" + name))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(404))
                    .andExpect(jsonPath("$.type").value("https://roster.io/problems/not-found"))
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("users.xlsx")));
        }
    }
}
