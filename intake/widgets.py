"""Step 2's "Which of these look like your scars?" as checkboxes with a drawing beside each.

Still a plain checkbox list (it is a CheckboxSelectMultiple, so the form, the error summary
and the check page treat it as one). Each label holds the scar type's surface drawing
(education/illustrations.py) with an empty text alternative: the label's words already
describe the scar, so a screen reader reads each choice once.
"""

from django import forms

from education.illustrations import HEIGHT, WIDTH, illustration_for


class ScarPictureCheckboxes(forms.CheckboxSelectMultiple):
    template_name = "intake/widgets/scar_picture_checkboxes.html"
    option_template_name = "intake/widgets/scar_picture_option.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["picture"] = illustration_for(str(value))
        option["picture_size"] = (WIDTH, HEIGHT)
        return option
